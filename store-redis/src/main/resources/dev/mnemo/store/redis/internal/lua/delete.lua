-- Purges the session. ARGV: the owner it must have ('' for any owner). Returns {OK, 1, owner or
-- false} when it existed and was deleted, {OK, 0} otherwise.
if call(META, 'EXISTS', META) == 0 then
  return {OK, 0}
end
local user = call(META, 'HGET', META, 'user')
if ARGV[1] ~= '' and user ~= ARGV[1] then
  return {OK, 0}
end
redis.call('DEL', unpack(KEYS))
return {OK, 1, user}
