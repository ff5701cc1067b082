-- Creates the session unless it exists. ARGV: ttl (ms), then field/value pairs of the meta hash.
-- Returns {OK, 1} when created, {OK, 0, meta as field/value pairs} when it already existed.
local existing = call(META, 'HGETALL', META)
if #existing > 0 then
  return {OK, 0, existing}
end
-- A new session starts empty, whatever an earlier one of the same id left behind.
redis.call('DEL', MSGS, SUMMARY, STATE)
call(META, 'HSET', META, unpack(ARGV, 2))
refresh(ARGV[1])
return {OK, 1}
