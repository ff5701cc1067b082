-- Opens the session. ARGV: ttl (ms), now (ISO-8601), its creation time (epoch ms), then field/value
-- pairs of the meta hash, then the journal's three (see prelude). A session created before
-- the session's tombstone (a purge) is one that was purged: it is refused, so no warm or replay
-- brings it back. Returns {OK, 1, false, entry, earlier} when created, {OK, 2, meta, entry, earlier}
-- when an ENDED session was reopened, {OK, 0, meta} when it exists and is active, {PURGED}.
local purged = call(TOMBSTONE, 'GET', TOMBSTONE)
if purged and tonumber(ARGV[3]) < tonumber(purged) then
  return {PURGED}
end
local current = status()
if current == 'ACTIVE' then
  return {OK, 0, call(META, 'HGETALL', META)}
end
if changesFull() then
  return {JOURNAL_FULL, call(CHANGES, 'LLEN', CHANGES)}
end
if current then
  call(META, 'HSET', META, 'status', 'ACTIVE', 'updated', ARGV[2])
  refresh(ARGV[1])
  local entry, earlier = journalChange()
  return {OK, 2, call(META, 'HGETALL', META), entry, earlier}
end
-- A new session starts empty, whatever an earlier one of the same id left behind.
redis.call('DEL', MSGS, SUMMARY, STATE)
call(META, 'HSET', META, unpack(ARGV, 4, J - 1))
refresh(ARGV[1])
local entry, earlier = journalChange()
return {OK, 1, false, entry, earlier}
