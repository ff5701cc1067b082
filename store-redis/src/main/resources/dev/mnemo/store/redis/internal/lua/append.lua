-- Appends a batch. ARGV: ttl (ms), window, now (ISO-8601), then id, tokens, JSON for each
-- message, sorted by id. Returns {OK, appended, message count, token count, owner or false}.
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
local ttl, window = tonumber(ARGV[1]), tonumber(ARGV[2])
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
local length = nil -- of msgs, once read or returned by a write
if not last then
  -- A session created (or re-created by a warm) has none until its first append.
  length = call(MSGS, 'LLEN', MSGS)
  last = length > 0 and idOf(call(MSGS, 'LINDEX', MSGS, -1)) or ''
end
local appended = 0
for i = 4, #ARGV, 3 do
  local id, json = ARGV[i], ARGV[i + 2]
  local added = false
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
