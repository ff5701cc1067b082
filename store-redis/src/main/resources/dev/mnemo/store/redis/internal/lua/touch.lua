-- Marks activity. ARGV: ttl (ms), now (ISO-8601). Returns {OK, owner or false}.
if call(META, 'EXISTS', META) == 0 then
  return {NOT_FOUND}
end
call(META, 'HSET', META, 'updated', ARGV[2])
refresh(ARGV[1])
return {OK, call(META, 'HGET', META, 'user')}
