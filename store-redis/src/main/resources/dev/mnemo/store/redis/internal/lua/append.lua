-- Appends a batch. ARGV: ttl (ms), window, now (ISO-8601), then id, tokens, JSON for each
-- message, sorted by id. Returns {OK, appended, message count, token count, owner or false}.
--
-- msgs (JSON) and ids (the same ids, lexicographic, all scores 0) always hold the same messages
-- in the same order, at most `window` of them. Ids in ids are skipped. The meta field `trimmed`
-- holds the highest id ever trimmed out of the window: an id at or below it cannot be told apart
-- from one stored and trimmed, so it is skipped too (the window could not show it anyway, and the
-- durable tier is the system of record for late replays). Any other new id is inserted at its
-- place, so the list stays in id order whatever order batches arrive in; a session the router
-- re-created with its counters (a warm) takes its older window after newer appends.
local ttl, window = ARGV[1], tonumber(ARGV[2])
local current = status()
if not current then
  return {NOT_FOUND}
end
if current ~= 'ACTIVE' then
  return {ENDED}
end
-- Both reads below also check the keys' types before anything is written.
local length = call(MSGS, 'LLEN', MSGS)
local trimmed = call(META, 'HGET', META, 'trimmed') or ''
local appended, tokens = 0, 0
for i = 4, #ARGV, 3 do
  local id, json = ARGV[i], ARGV[i + 2]
  if id > trimmed and call(IDS, 'ZADD', IDS, 'NX', 0, id) == 1 then
    local rank = call(IDS, 'ZRANK', IDS, id)
    if rank >= length then
      call(MSGS, 'RPUSH', MSGS, json)
    else
      call(MSGS, 'LINSERT', MSGS, 'BEFORE', call(MSGS, 'LINDEX', MSGS, rank), json)
    end
    length = length + 1
    appended = appended + 1
    tokens = tokens + tonumber(ARGV[i + 1])
  end
end
-- Trimmed on every append, even when short, so an append runs the same commands at any length.
local dropped = call(IDS, 'ZRANGE', IDS, -window - 1, -window - 1)
if #dropped > 0 and dropped[1] > trimmed then
  trimmed = dropped[1]
end
call(META, 'HSET', META, 'trimmed', trimmed)
call(MSGS, 'LTRIM', MSGS, -window, -1)
call(IDS, 'ZREMRANGEBYRANK', IDS, 0, -window - 1)
local count = call(META, 'HINCRBY', META, 'count', appended)
local total = call(META, 'HINCRBY', META, 'tokens', tokens)
call(META, 'HSET', META, 'updated', ARGV[3])
refresh(ttl)
return {OK, appended, count, total, call(META, 'HGET', META, 'user')}
