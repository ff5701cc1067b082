-- Purges the session. ARGV: the owner it must have ('' for any owner), then '1' to keep the journal
-- (a repair of corrupt data: the journal still holds acknowledged messages) or '0' (a purge: no
-- flush may bring the session back). Returns {OK, 1, owner or false} when it existed and was
-- deleted, {OK, 0} otherwise; a purge for any owner also drops a journal that outlived the session.
local purge = ARGV[2] ~= '1'
if call(META, 'EXISTS', META) == 0 then
  if purge and ARGV[1] == '' then
    redis.call('DEL', JOURNAL, JOURNAL_DATA)
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
  redis.call('DEL', JOURNAL, JOURNAL_DATA)
end
return {OK, 1, user}
