-- Reads messages. ARGV: 'last' and k, or 'after', a page size and the id to page after ('' for
-- the first message). Returns {OK, messages as JSON}. An id below the window pages from its start.
if call(META, 'EXISTS', META) == 0 then
  return {NOT_FOUND}
end
local count = tonumber(ARGV[2])
if ARGV[1] == 'last' then
  return {OK, call(MSGS, 'LRANGE', MSGS, -count, -1)}
end
local start = 0
if ARGV[3] ~= '' then
  -- The first message above the id: the rank of the id's successor.
  start = rankOf(ARGV[3] .. '~', call(MSGS, 'LLEN', MSGS))
end
return {OK, call(MSGS, 'LRANGE', MSGS, start, start + count - 1)}
