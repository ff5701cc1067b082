-- Claims the end of the session. ARGV: ttl (ms), now (ISO-8601). Returns {OK, 1} for the one
-- caller that ended it, {OK, 0} when it had already ended.
local current = status()
if not current then
  return {NOT_FOUND}
end
if current ~= 'ACTIVE' then
  return {OK, 0}
end
call(META, 'HSET', META, 'status', 'ENDED', 'updated', ARGV[2])
refresh(ARGV[1])
return {OK, 1}
