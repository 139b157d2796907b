-- wrk script for bench/serve_compare.sh: every request searches a different
-- lay query (pairs of words from the bundled content), so none is answered
-- from the server's cache of recent searches (256 entries): each thread
-- walks all 780 queries in turn, thread k starting k * 390 queries further
-- on, so a query comes back only after hundreds of others.
local words = {"calf", "cramp", "night", "leg", "pain", "swollen", "knee", "statin", "clot",
               "lung", "breath", "vein", "numb", "feet", "stretch", "magnesium", "quinine",
               "pregnancy", "older", "muscle", "tablets", "blood", "red", "warm", "lump",
               "behind", "chest", "sudden", "tight", "tingling", "burning", "walking", "stockings",
               "varicose", "nerve", "diabetes", "water", "heat", "massage", "exercise"}
local queries = {}
for i = 1, #words do
  for j = i + 1, #words do queries[#queries + 1] = words[i] .. "+" .. words[j] end
end

local thread_count = 0
function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

local n = 0
local base = "/api/v1/search?q="
function init(args)
  if args[1] then base = args[1] end
end

function request()
  local k = (n + (id or 0) * 390) % #queries + 1
  n = n + 1
  return wrk.format("GET", base .. queries[k])
end
