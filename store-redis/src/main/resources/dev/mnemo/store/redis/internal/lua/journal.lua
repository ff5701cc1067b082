-- The session's journal toward the durable tier (see append.lua). ARGV[1] names the operation:
--   'read', n, bytes:   the oldest n pending entries, stopping once about `bytes` are read (at least
--                       one). Returns {OK, meta snapshot as JSON or false, id, JSON or false, ...}.
--   'latest', n:        the newest n pending entries, oldest first; the same reply.
--   'settle', ids...:   removes the entries of the ids. Returns {OK, entries left, poisoned and
--                       changes included}.
--   'changes', n:       the oldest n pending session changes, in the order made: {OK, '<entry> <json>', ...}.
--   'settle-changes', entries...: removes those changes, oldest first, as long as each is the oldest
--                       pending one (a change is never settled out of order). Returns {OK, entries left}.
--   'poison', ids...:   marks entries refused by the durable tier (score 1): kept, not read.
--   'retry':            makes every poisoned entry pending again. Returns {OK, how many}.
-- None needs the session's other keys: a journal outlives them until the durable tier has it all.
local op = ARGV[1]

local function entries(ids, bytes)
  local reply = {OK, call(JOURNAL_DATA, 'HGET', JOURNAL_DATA, 'session')}
  local read = 0
  for _, id in ipairs(ids) do
    if bytes and read >= bytes then
      break
    end
    local json = call(JOURNAL_DATA, 'HGET', JOURNAL_DATA, id)
    reply[#reply + 1] = id
    reply[#reply + 1] = json
    read = read + (json and #json or 0)
  end
  return reply
end

if op == 'read' then
  return entries(call(JOURNAL, 'ZRANGEBYSCORE', JOURNAL, 0, 0, 'LIMIT', 0, tonumber(ARGV[2])), tonumber(ARGV[3]))
end
if op == 'latest' then
  local newest = call(JOURNAL, 'ZREVRANGEBYSCORE', JOURNAL, 0, 0, 'LIMIT', 0, tonumber(ARGV[2]))
  local ids = {}
  for i = #newest, 1, -1 do
    ids[#ids + 1] = newest[i]
  end
  return entries(ids, nil)
end
-- The entries left, messages and changes; an empty journal's data (its snapshot) goes with it.
local function left()
  local count = call(JOURNAL, 'ZCARD', JOURNAL) + call(CHANGES, 'LLEN', CHANGES)
  if count == 0 then
    redis.call('DEL', JOURNAL_DATA)
  end
  return count
end

if op == 'settle' then
  for i = 2, #ARGV do
    call(JOURNAL, 'ZREM', JOURNAL, ARGV[i])
    call(JOURNAL_DATA, 'HDEL', JOURNAL_DATA, ARGV[i])
  end
  return {OK, left()}
end
if op == 'changes' then
  local reply = {OK}
  for _, entry in ipairs(call(CHANGES, 'LRANGE', CHANGES, 0, tonumber(ARGV[2]) - 1)) do
    reply[#reply + 1] = entry
  end
  return reply
end
if op == 'settle-changes' then
  for i = 2, #ARGV do
    local oldest = call(CHANGES, 'LINDEX', CHANGES, 0)
    if not oldest or string.sub(oldest, 1, #ARGV[i] + 1) ~= ARGV[i] .. ' ' then
      break
    end
    call(CHANGES, 'LPOP', CHANGES)
  end
  return {OK, left()}
end
if op == 'poison' then
  for i = 2, #ARGV do
    call(JOURNAL, 'ZADD', JOURNAL, 'XX', 1, ARGV[i])
  end
  return {OK}
end
if op == 'retry' then
  local poisoned = call(JOURNAL, 'ZRANGEBYSCORE', JOURNAL, 1, 1)
  for _, id in ipairs(poisoned) do
    call(JOURNAL, 'ZADD', JOURNAL, 'XX', 0, id)
  end
  return {OK, #poisoned}
end
error('unknown journal operation ' .. tostring(op))
