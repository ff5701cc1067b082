-- Claims the end of the session. ARGV: ttl (ms), now (ISO-8601), reason, who ended it ('' not
-- said), then the journal's three (see prelude). Returns {OK, 1, entry, earlier} for the one caller
-- that ended it, {OK, 0} when it had already ended.
local current = status()
if not current then
  return {NOT_FOUND}
end
if current ~= 'ACTIVE' then
  return {OK, 0}
end
if changesFull() then
  return {JOURNAL_FULL, call(CHANGES, 'LLEN', CHANGES)}
end
call(META, 'HSET', META, 'status', 'ENDED', 'updated', ARGV[2], 'end-reason', ARGV[3])
if ARGV[4] ~= '' then
  call(META, 'HSET', META, 'ended-by', ARGV[4])
else
  call(META, 'HDEL', META, 'ended-by')
end
refresh(ARGV[1])
local entry, earlier = journalChange()
return {OK, 1, entry, earlier}
