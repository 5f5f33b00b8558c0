// LatencySummary::of: exact nearest-rank percentiles of up to millions of samples without sorting
// them. Sorting a million-request run's latencies took a third of the run.
#include "engine/metrics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace conviz {
namespace {

// Buckets ordered like the values they hold: a bucket holds the values v whose v + 1 shares a
// bit width and the six bits after the leading one (1.6 % wide), or a single value below 127. A
// latency distribution then puts a small share of the samples in any one bucket. The bucket is
// read off v + 1 as a double, whose exponent is the bit width less one and whose leading mantissa
// bits are the six: a conversion and a shift, where counting the bits took a dozen instructions
// per sample. v + 1 so that 0 has a bucket; up to 2^53 the double is exact, past it the samples'
// total leaves doubles' exact integers and the summary sorts them instead, so a rounded bucket
// there only has to stay in bounds.
constexpr std::size_t kBuckets = 64 * 64; // bit widths 1 .. 64 of v + 1

// Precondition: v >= 0. The 1 is added as a double: v + 1 would not fit an int64 for the largest v,
// and converting an unsigned 64-bit integer takes several instructions.
std::size_t bucketOf(std::int64_t v)
{
    constexpr int kMantissaBits = 52;
    constexpr std::uint64_t kBias = 1023;
    const auto bits = std::bit_cast<std::uint64_t>(static_cast<double>(v) + 1.0);
    return static_cast<std::size_t>((bits >> (kMantissaBits - 6)) - (kBias << 6));
}

// The values bucket `b` holds: lo .. lo + span.
struct Range {
    std::uint64_t lo = 0;
    std::uint64_t span = 0;

    bool holds(std::uint64_t v) const { return v - lo <= span; } // one test: below lo wraps around
};

// Precondition: b holds a value of at most 2^53 (an exact bucket).
Range rangeOf(std::size_t b)
{
    const std::size_t exponent = b / 64; // the bit width of v + 1, less one
    const std::uint64_t leading = 64 + b % 64;
    if (exponent < 6) // fewer bits than the six: one value (leading's low bits are then zero)
        return {(leading >> (6 - exponent)) - 1, 0};
    const std::size_t shift = exponent - 6;
    return {(leading << shift) - 1, (std::uint64_t{1} << shift) - 1};
}

struct Rank {
    std::size_t index = 0;  // 0-based rank among all samples
    std::size_t bucket = 0; // the bucket holding it
    std::size_t within = 0; // its rank among that bucket's samples
};

// Nearest rank: the smallest sample with at least q of the samples at or below it, so always a value
// that was observed, never an interpolation between two.
std::size_t nearestRank(double q, std::size_t n)
{
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
    return std::clamp<std::size_t>(i, 1, n) - 1;
}

// The summary of `n` samples that `forEach(f)` passes to f one by one. If the samples hold a
// negative value or add up past 2^53, it calls `sorted(s)` instead to fill in the mean and the
// percentiles from the samples sorted.
template <typename ForEach, typename Sorted>
LatencySummary summarise(std::size_t n, ForEach &&forEach, Sorted &&sorted)
{
    LatencySummary s;
    s.count = static_cast<std::int64_t>(n);
    if (n == 0)
        return s;

    // One pass: the extremes, the integer total and a histogram of buckets.
    constexpr std::uint64_t kExactInDouble = std::uint64_t{1} << 53;
    std::vector<std::uint32_t> histogram(kBuckets, 0);
    std::uint64_t total = 0;
    std::int64_t least = INT64_MAX;
    std::int64_t most = INT64_MIN;
    forEach([&](std::int64_t v) {
        least = std::min(least, v);
        most = std::max(most, v);
        if (v >= 0) {
            total += total <= kExactInDouble ? static_cast<std::uint64_t>(v) : 0;
            ++histogram[bucketOf(v)];
        }
    });
    s.max = static_cast<double>(most);

    // The mean was first computed by summing the sorted samples in doubles. With no sample negative
    // and a total within 2^53, every such partial sum is an exact integer, so the integer total
    // gives the same bits. Beyond that, sort and sum in that order, and read the ranks off the
    // sorted samples.
    if (least < 0 || total > kExactInDouble || n > UINT32_MAX) {
        sorted(s);
        return s;
    }
    s.mean = static_cast<double>(total) / static_cast<double>(n);

    // Locate each rank's bucket, then select exactly among that bucket's samples only.
    std::array<Rank, 3> ranks{Rank{nearestRank(0.50, n)}, Rank{nearestRank(0.90, n)}, Rank{nearestRank(0.99, n)}};
    std::size_t below = 0; // samples in the buckets before b
    std::size_t r = 0;
    for (std::size_t b = 0; b < kBuckets && r < ranks.size(); ++b) {
        const std::size_t next = below + histogram[b];
        while (r < ranks.size() && ranks[r].index < next) {
            ranks[r].bucket = b;
            ranks[r].within = ranks[r].index - below;
            ++r;
        }
        below = next;
    }
    // The distinct buckets of the ranks (ranks are in order, so equal buckets are neighbours), and
    // their samples, found by value range: cheaper per sample than computing its bucket.
    std::array<Range, 3> ranges;
    std::array<std::size_t, 3> slotOf{}; // rank → its bucket's place in `ranges`
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        if (i == 0 || ranks[i - 1].bucket != ranks[i].bucket)
            ranges[distinct++] = rangeOf(ranks[i].bucket);
        slotOf[i] = distinct - 1;
    }
    std::array<std::vector<std::int64_t>, 3> members;
    forEach([&](std::int64_t v) {
        for (std::size_t d = 0; d < distinct; ++d)
            if (ranges[d].holds(static_cast<std::uint64_t>(v)))
                members[d].push_back(v);
    });
    std::array<double, 3> values{};
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        std::vector<std::int64_t> &m = members[slotOf[i]];
        const auto nth = m.begin() + static_cast<std::ptrdiff_t>(ranks[i].within);
        std::nth_element(m.begin(), nth, m.end());
        values[i] = static_cast<double>(*nth);
    }
    s.p50 = values[0];
    s.p90 = values[1];
    s.p99 = values[2];
    return s;
}

// The mean and the percentiles of `samples`, sorted in place first.
void fromSorted(LatencySummary &s, std::vector<std::int64_t> &samples)
{
    std::sort(samples.begin(), samples.end());
    const auto n = samples.size();
    double sum = 0;
    for (std::int64_t v : samples)
        sum += static_cast<double>(v);
    s.mean = sum / static_cast<double>(n);
    s.p50 = static_cast<double>(samples[nearestRank(0.50, n)]);
    s.p90 = static_cast<double>(samples[nearestRank(0.90, n)]);
    s.p99 = static_cast<double>(samples[nearestRank(0.99, n)]);
}

} // namespace

LatencySummary LatencySummary::of(std::vector<std::int64_t> &samples)
{
    return summarise(
        samples.size(),
        [&](auto &&f) {
            for (std::int64_t v : samples)
                f(v);
        },
        [&](LatencySummary &s) { fromSorted(s, samples); });
}

LatencySummary LatencySummary::of(const SampleLog &samples)
{
    return summarise(
        samples.size(), [&](auto &&f) { samples.forEach(f); },
        [&](LatencySummary &s) {
            std::vector<std::int64_t> sorted = samples.toVector();
            fromSorted(s, sorted);
        });
}

} // namespace conviz
