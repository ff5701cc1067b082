-- Compare-and-set of the summary on its version. ARGV: ttl (ms), expected version (0 = none
-- yet), the new summary JSON. Returns {OK, 1} when replaced, {OK, 0} when another version is stored.
if call(META, 'EXISTS', META) == 0 then
  return {NOT_FOUND}
end
local stored = call(SUMMARY, 'GET', SUMMARY)
local version = 0
if stored then
  local ok, decoded = pcall(cjson.decode, stored)
  if not ok or type(decoded) ~= 'table' or type(decoded.version) ~= 'number' then
    corrupt(SUMMARY, 'is not a summary with a version')
  end
  version = decoded.version
end
if version ~= tonumber(ARGV[2]) then
  return {OK, 0}
end
call(SUMMARY, 'SET', SUMMARY, ARGV[3])
refresh(ARGV[1])
return {OK, 1}
