-- Appends a batch. ARGV: ttl (ms), window, now (ISO-8601), journal limit (0: do not journal),
-- then id, tokens, JSON for each message, sorted by id. Returns {OK, appended, message count,
-- token count, owner or false}, or {JOURNAL_FULL, entries} with nothing written.
--
-- With a journal limit, every message stored, and every one skipped as possibly trimmed, is also
-- journaled for the durable tier (journal: its id scored 0; journal data: its JSON), in this same
-- step: nothing acknowledged waits for the durable tier in any process's memory alone. The first
-- entry of an empty journal also keeps the meta hash, so the session can be created in a durable
-- tier that lacks it even after these keys expired.
--
-- msgs holds at most `window` messages as JSON, in id order, each id once. The meta field `last`
-- holds the highest id ever stored, and `trimmed` the highest id ever trimmed out of the window.
-- An id above `last` is new and goes at the end: the usual append, which makes five calls (HMGET,
-- RPUSH, LPOP of what falls out of the window, HSET, PTTL; each call a script makes costs the
-- server about a microsecond). An id at or below `trimmed` cannot be told apart from one stored and
-- trimmed, so it is skipped (the window could not show it anyway, and the durable tier is the
-- system of record for late replays). Any other id is looked up by a binary search of the list:
-- skipped when stored, else inserted at its place, so the list stays in id order whatever order
-- batches arrive in; a session the router re-created with its counters (a warm) takes its older
-- window after newer appends.
--
-- The TTL of the session's keys is refreshed only once less than 99% of it is left (or msgs was
-- just created): a session may expire up to 1% of the TTL early.
local ttl, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
local FIRST = 5
-- Also checks the meta key's type before anything is written.
local meta = call(META, 'HMGET', META, 'status', 'trimmed', 'last', 'count', 'tokens', 'user')
if not meta[1] then
  return {NOT_FOUND}
end
if meta[1] ~= 'ACTIVE' then
  return {ENDED}
end
local trimmed, last = meta[2] or '', meta[3]
local count, total = tonumber(meta[4]), tonumber(meta[5])
if not count or not total then
  corrupt(META, 'count or tokens is not a number')
end
local journaled = 0
if limit > 0 then
  journaled = call(JOURNAL, 'ZCARD', JOURNAL)
  if journaled + (#ARGV - FIRST + 1) / 3 > limit then
    return {JOURNAL_FULL, journaled}
  end
  if journaled == 0 then
    call(JOURNAL_DATA, 'HSET', JOURNAL_DATA, 'session', cjson.encode(call(META, 'HGETALL', META)))
  end
end
-- Journals message i of ARGV (a no-op without a limit); a poisoned entry keeps its mark.
local function journal(i)
  if limit > 0 then
    call(JOURNAL, 'ZADD', JOURNAL, 'NX', 0, ARGV[i])
    call(JOURNAL_DATA, 'HSET', JOURNAL_DATA, ARGV[i], ARGV[i + 2])
  end
end
local length = nil -- of msgs, once read or returned by a write
if not last then
  -- A session created (or re-created by a warm) has none until its first append.
  length = call(MSGS, 'LLEN', MSGS)
  last = length > 0 and idOf(call(MSGS, 'LINDEX', MSGS, -1)) or ''
end
local appended = 0
for i = FIRST, #ARGV, 3 do
  local id, json = ARGV[i], ARGV[i + 2]
  local added = false
  if id <= trimmed then
    journal(i) -- maybe stored and trimmed, maybe never stored: the durable tier tells them apart
  end
  if id > last and id > trimmed then
    length = call(MSGS, 'RPUSH', MSGS, json)
    last, added = id, true
  elseif id > trimmed then
    length = length or call(MSGS, 'LLEN', MSGS)
    local rank = rankOf(id, length)
    if rank == length then
      length = call(MSGS, 'RPUSH', MSGS, json)
      added = true
    else
      local next = call(MSGS, 'LINDEX', MSGS, rank)
      if idOf(next) ~= id then
        length = call(MSGS, 'LINSERT', MSGS, 'BEFORE', next, json)
        added = true
      end
    end
  end
  if added then
    appended = appended + 1
    total = total + tonumber(ARGV[i + 1])
    journal(i)
  end
end
if length and length > window then
  local dropped = call(MSGS, 'LPOP', MSGS, length - window)
  -- A corrupt message is gone now, so it does not fail the append: its id is just not kept.
  local highest = idIn(dropped[#dropped])
  if highest and highest > trimmed then
    trimmed = highest
  end
end
count = count + appended
call(META, 'HSET', META, 'count', count, 'tokens', total, 'updated', ARGV[3], 'trimmed', trimmed, 'last', last)
if call(MSGS, 'PTTL', MSGS) < ttl - ttl / 100 then
  refresh(ttl)
end
return {OK, appended, count, total, meta[6]}
