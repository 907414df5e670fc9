/**
 * The seen set's two scripts, each run on one shard with a batch of fingerprints. A stored
 * fingerprint's value in its bucket is the level that stored it (a small integer: about 12 bytes
 * an entry in a compact Redis hash). The successors of the level in progress claim fingerprints
 * in the shard's claims hash, whose value is the lowest rank so far (position × 64 + action + 1,
 * the order of a one-thread search); the coordinator empties it before each level.
 *
 * `claim` answers per fingerprint 1 (this successor holds the claim now) or 0 (an earlier level
 * stored it, or a lower rank holds it); keeping the lowest rank makes a batch processed twice
 * change nothing. A bucket value of this level or a later one was left by an attempt at a level
 * that was run again (a resumed run) and does not count as stored. A task of a level other than
 * the shard's current one is stale: the script answers -1 and writes nothing.
 *
 * `confirm`, once every chunk of the level has claimed, answers per fingerprint whether the
 * successor still holds the claim, and stores those that do in their buckets: the level's new
 * states.
 */

// ARGV[1] is the level; ARGV[2] packs each fingerprint as 14 bytes: its bucket's index in KEYS (2),
// the fingerprint (8, big-endian: the hash field) and its rank (4); the numbers little-endian. The
// answer is one character a fingerprint, '1' or '0': one bulk reply instead of an array.
// claim: KEYS[1] the shard's level word, KEYS[2] its claims hash, then buckets.
const CLAIM = `
local L = tonumber(ARGV[1])
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local s = ARGV[2]
local out = {}
for off = 1, #s, 14 do
  local field = string.sub(s, off + 2, off + 9)
  local v = redis.call('HGET', KEYS[struct.unpack('<I2', s, off)], field)
  local won = '0'
  if not v or tonumber(v) >= L then
    local mine = struct.unpack('<I4', s, off + 10)
    local c = redis.call('HGET', KEYS[2], field)
    if not c or tonumber(c) > mine then redis.call('HSET', KEYS[2], field, mine) end
    if not c or tonumber(c) >= mine then won = '1' end
  end
  out[#out + 1] = won
end
return table.concat(out)
`;

// confirm: KEYS[1] the shard's claims hash, then buckets.
const CONFIRM = `
local s = ARGV[2]
local out = {}
for off = 1, #s, 14 do
  local field = string.sub(s, off + 2, off + 9)
  local c = redis.call('HGET', KEYS[1], field)
  if c and tonumber(c) == struct.unpack('<I4', s, off + 10) then
    redis.call('HSET', KEYS[struct.unpack('<I2', s, off)], field, ARGV[1])
    out[#out + 1] = '1'
  else
    out[#out + 1] = '0'
  end
end
return table.concat(out)
`;

export const SEEN_SCRIPTS = { mmucheckClaim: CLAIM, mmucheckConfirm: CONFIRM } as const;
