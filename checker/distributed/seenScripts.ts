/**
 * The seen set's two scripts, each run on one shard with a batch of fingerprints. A fingerprint's
 * value is `level × 2^32 + rank`: the level that stored it and, in that level, the rank of the
 * successor that claims it (position × 64 + action + 1, the order of a one-thread search).
 *
 * `claim` keeps the lowest rank of the level, so processing a batch twice changes nothing, and
 * answers per fingerprint 1 (this successor holds the claim now) or 0 (an earlier level stored it,
 * or a lower rank holds it). A value of a later level than the shard's current one was left by a
 * level that was run again (a resumed run) and is overwritten. A task of a level other than the
 * shard's current one is stale: the script answers -1 and writes nothing.
 *
 * `confirm` answers per fingerprint whether the successor still holds the claim, once every chunk
 * of the level has claimed: the successors that do are the level's new states.
 */

const CLAIM = `
local L = tonumber(ARGV[1])
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local base = L * 4294967296
local out = {}
for i = 2, #ARGV, 3 do
  local key = KEYS[tonumber(ARGV[i])]
  local mine = base + tonumber(ARGV[i + 2])
  local v = redis.call('HGET', key, ARGV[i + 1])
  local won = 1
  if v then
    local n = tonumber(v)
    local lv = math.floor(n / 4294967296)
    if lv < L or (lv == L and n < mine) then won = 0 end
    if won == 1 and n == mine then won = 2 end
  end
  if won == 1 then redis.call('HSET', key, ARGV[i + 1], string.format('%.0f', mine)) end
  out[#out + 1] = won > 0 and 1 or 0
end
return out
`;

const CONFIRM = `
local base = tonumber(ARGV[1]) * 4294967296
local out = {}
for i = 2, #ARGV, 3 do
  local v = redis.call('HGET', KEYS[tonumber(ARGV[i])], ARGV[i + 1])
  out[#out + 1] = (v and tonumber(v) == base + tonumber(ARGV[i + 2])) and 1 or 0
end
return out
`;

export const SEEN_SCRIPTS = { mmucheckClaim: CLAIM, mmucheckConfirm: CONFIRM } as const;
