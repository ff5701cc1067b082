-- Purges the session. ARGV: the owner it must have ('' for any owner), then 'reset' (a repair of
-- corrupt data: the journal still holds acknowledged writes, so it stays) or 'purge' (final: the
-- journal and the analytics buffer go too, and a tombstone holding ARGV[3], the purge time in epoch
-- ms, is kept for ARGV[4] ms so that no warm or replay of a session created before it brings it
-- back). Returns {OK, 1, owner or false} when it existed and was deleted, {OK, 0} otherwise.
local purge = ARGV[2] == 'purge'
local function final()
  redis.call('DEL', JOURNAL, JOURNAL_DATA, CHANGES, ANALYTICS)
  redis.call('SET', TOMBSTONE, ARGV[3], 'PX', ARGV[4])
end
if call(META, 'EXISTS', META) == 0 then
  if purge and ARGV[1] == '' then
    final()
  end
  return {OK, 0}
end
-- A meta hash of the wrong type (corrupt) has no owner to read; it is deleted all the same.
local user = redis.pcall('HGET', META, 'user')
if type(user) == 'table' then
  user = false
end
if ARGV[1] ~= '' and user ~= ARGV[1] then
  return {OK, 0}
end
redis.call('DEL', META, MSGS, SUMMARY, STATE)
if purge then
  final()
end
return {OK, 1, user}
