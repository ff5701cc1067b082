-- What a context read needs. ARGV: k. Returns {OK, meta as field/value pairs, summary JSON or
-- false, the last k messages as JSON}.
local meta = call(META, 'HGETALL', META)
if #meta == 0 then
  return {NOT_FOUND}
end
return {OK, meta, call(SUMMARY, 'GET', SUMMARY), call(MSGS, 'LRANGE', MSGS, -tonumber(ARGV[1]), -1)}
