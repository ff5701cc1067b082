-- Prepended to every Mnemo script. KEYS are the session's keys, in order: meta, msgs, summary,
-- state, journal, journal data, changes, tombstone, analytics; they share the session's {sid} hash
-- tag, so they live on one Cluster slot. Every value comes in ARGV; nothing is ever spliced into a script.
local META, MSGS, SUMMARY, STATE, JOURNAL, JOURNAL_DATA = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local CHANGES, TOMBSTONE, ANALYTICS = KEYS[7], KEYS[8], KEYS[9]
-- Reply codes, the first element of every reply.
local OK, NOT_FOUND, ENDED, NO_USER, JOURNAL_FULL, PURGED, CHANGED = 0, 1, 2, 3, 4, 5, 6

-- Fails the script with an error that names the corrupt key; Java maps it to CorruptDataException.
local function corrupt(key, why)
  error({err = 'CORRUPT ' .. key .. ' ' .. why})
end

-- Runs one command on key; a key holding the wrong type is reported as corrupt, naming the key.
local function call(key, ...)
  local reply = redis.pcall(...)
  if type(reply) == 'table' and reply.err then
    if string.sub(reply.err, 1, 9) == 'WRONGTYPE' then
      corrupt(key, reply.err)
    end
    error(reply)
  end
  return reply
end

-- Refreshes the TTL of the session's data keys; PEXPIRE skips keys that do not exist. The journal
-- keys never expire: what they hold is acknowledged and leaves them only for the durable tier.
local function refresh(ttl)
  for i = 1, 4 do
    call(KEYS[i], 'PEXPIRE', KEYS[i], ttl)
  end
end

-- The session's status ('ACTIVE' or 'ENDED'), or false when the session does not exist.
local function status()
  return call(META, 'HGET', META, 'status')
end

-- The id of a message stored in msgs: its JSON starts with {"id":"<36 characters>", as JsonCodec
-- writes every message. False when it does not.
local function idIn(json)
  return string.sub(json, 1, 7) == '{"id":"' and string.sub(json, 44, 44) == '"' and string.sub(json, 8, 43)
end

-- As idIn, failing the script when the message has no id where it should.
local function idOf(json)
  return idIn(json) or corrupt(MSGS, 'holds a message that does not start with its id')
end

-- The number of messages in msgs (of `length`) whose id is below `id`: a binary search, O(log n) reads.
local function rankOf(id, length)
  local low, high = 0, length
  while low < high do
    local middle = math.floor((low + high) / 2)
    if idOf(call(MSGS, 'LINDEX', MSGS, middle)) < id then
      low = middle + 1
    else
      high = middle
    end
  end
  return low
end

-- Session changes (create, state, metadata, end) take three last ARGV: the journal limit ('0': do
-- not journal), the change's entry id and its JSON. J is the index of the first of them.
local J = #ARGV - 2

-- Whether journaling the change would pass the journal's limit; checked before anything is written.
local function changesFull()
  local limit = tonumber(ARGV[J])
  return limit > 0 and call(CHANGES, 'LLEN', CHANGES) >= limit
end

-- Journals the change for the durable tier after its hot write, in this same script (changes:
-- '<entry> <json>' in the order made). The first entry of an empty journal also keeps the meta
-- hash, so the durable tier can create the session even after these keys expired. Returns the
-- entry id (false when not journaled) and how many changes were pending before it.
local function journalChange()
  if ARGV[J] == '0' then
    return false, 0
  end
  local earlier = call(CHANGES, 'LLEN', CHANGES)
  if earlier == 0 and call(JOURNAL, 'ZCARD', JOURNAL) == 0 then
    call(JOURNAL_DATA, 'HSET', JOURNAL_DATA, 'session', cjson.encode(call(META, 'HGETALL', META)))
  end
  call(CHANGES, 'RPUSH', CHANGES, ARGV[J + 1] .. ' ' .. ARGV[J + 2])
  return ARGV[J + 1], earlier
end
