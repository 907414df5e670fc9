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

// ARGV[1] is the level; ARGV[2] packs each fingerprint as 14 bytes: its bucket's index in KEYS (2),
// the fingerprint (8, big-endian: the hash field) and its rank (4); the numbers little-endian. The answer is one character a
// fingerprint, '1' or '0': one bulk reply instead of an array, cheap to make and to read.
const CLAIM = `
local L = tonumber(ARGV[1])
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local base = L * 4294967296
local s = ARGV[2]
local out = {}
for off = 1, #s, 14 do
  local key = KEYS[struct.unpack('<I2', s, off)]
  local field = string.sub(s, off + 2, off + 9)
  local mine = base + struct.unpack('<I4', s, off + 10)
  local v = redis.call('HGET', key, field)
  local won = '1'
  if v then
    local n = tonumber(v)
    if n < base then won = '0'
    elseif n < base + 4294967296 then
      if n < mine then won = '0' elseif n == mine then won = '=' end
    end
  end
  if won == '1' then redis.call('HSET', key, field, string.format('%.0f', mine)) end
  out[#out + 1] = won == '0' and '0' or '1'
end
return table.concat(out)
`;

const CONFIRM = `
local base = tonumber(ARGV[1]) * 4294967296
local s = ARGV[2]
local out = {}
for off = 1, #s, 14 do
  local v = redis.call('HGET', KEYS[struct.unpack('<I2', s, off)], string.sub(s, off + 2, off + 9))
  out[#out + 1] = (v and tonumber(v) == base + struct.unpack('<I4', s, off + 10)) and '1' or '0'
end
return table.concat(out)
`;

export const SEEN_SCRIPTS = { mmucheckClaim: CLAIM, mmucheckConfirm: CONFIRM } as const;
