-- Replaces the session's metadata, if it is still what the caller read. ARGV: ttl (ms), now
-- (ISO-8601), the metadata JSON read ('' none), the new metadata JSON ('' none), then the journal's
-- three (see prelude). Returns {OK, entry, earlier}, {CHANGED, current or false} when another
-- write changed it meanwhile (the caller merges again), or {NOT_FOUND}.
if call(META, 'EXISTS', META) == 0 then
  return {NOT_FOUND}
end
local current = call(META, 'HGET', META, 'metadata')
if (current or '') ~= ARGV[3] then
  return {CHANGED, current}
end
if changesFull() then
  return {JOURNAL_FULL, call(CHANGES, 'LLEN', CHANGES)}
end
if ARGV[4] == '' then
  call(META, 'HDEL', META, 'metadata')
else
  call(META, 'HSET', META, 'metadata', ARGV[4])
end
call(META, 'HSET', META, 'updated', ARGV[2])
refresh(ARGV[1])
local entry, earlier = journalChange()
return {OK, entry, earlier}
