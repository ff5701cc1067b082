-- Applies the session-scoped part of a state delta. ARGV: ttl (ms), '1' when the whole delta
-- also has user: keys, the number n of keys to set, n field/value pairs, the keys to remove, then
-- the journal's three (see prelude). A delta with user: keys on an anonymous session is refused
-- before anything is written. Returns {OK, owner or false, entry, earlier}.
if call(META, 'EXISTS', META) == 0 then
  return {NOT_FOUND}
end
local user = call(META, 'HGET', META, 'user')
if ARGV[2] == '1' and not user then
  return {NO_USER}
end
if changesFull() then
  return {JOURNAL_FULL, call(CHANGES, 'LLEN', CHANGES)}
end
local sets = tonumber(ARGV[3])
for i = 4, 3 + 2 * sets, 2 do
  call(STATE, 'HSET', STATE, ARGV[i], ARGV[i + 1])
end
for i = 4 + 2 * sets, J - 1 do
  call(STATE, 'HDEL', STATE, ARGV[i])
end
refresh(ARGV[1])
local entry, earlier = journalChange()
return {OK, user, entry, earlier}
