// Deterministic randomness. The generator (xoshiro256**) and every distribution are written here, by
// inverse CDF, because std:: distributions differ between standard libraries: a scenario and a seed
// must give the same numbers on every platform.
#pragma once

#include "engine/core/sim_time.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace conviz {

// The splitmix64 step: advances `x` and returns a well-mixed word of it.
constexpr std::uint64_t splitmix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// The generator and its uniform and exponential draws are inline: a million-request run seeds one
// generator per request and draws from it once or twice.
class Rng {
public:
    // Seeds the four state words from splitmix64(seed).
    explicit Rng(std::uint64_t seed)
    {
        for (auto &word : m_s)
            word = splitmix64(seed);
    }

    // An independent generator for (seed, stream, index): used so that request k gets the same
    // numbers whatever order the models ask for them in (common random numbers).
    static Rng forStream(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0);

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    // Uniform in the open interval (0, 1), 53 bits of resolution.
    double uniform01() { return unit(next()); }
    // What uniform01() returns first from Rng(seed), without seeding the three state words that
    // only the later numbers read: xoshiro256**'s first output depends on the second word alone.
    static double firstUniform01(std::uint64_t seed)
    {
        splitmix64(seed); // the first word
        return unit(rotl(splitmix64(seed) * 5, 7) * 9);
    }
    // Uniform integer in [0, n). Precondition: n > 0.
    std::uint32_t below(std::uint32_t n);
    // Exponential with the given mean.
    double exponential(double mean) { return -mean * std::log(uniform01()); }
    // Standard normal by inverse CDF.
    double standardNormal();

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    // 53 of the random bits, shifted by half an ulp so that neither 0 nor 1 can come out.
    static double unit(std::uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

    std::array<std::uint64_t, 4> m_s{};
};

// The generators of one (seed, stream) pair, one per index: Rng::forStream(seed, stream, index)
// with the mixing of seed and stream done once instead of at every index.
class RngStream {
public:
    RngStream(std::uint64_t seed, std::uint64_t stream);
    Rng at(std::uint64_t index) const { return Rng(seedAt(index)); }
    // at(index).uniform01(), for a caller that draws one number only.
    double firstUniform01At(std::uint64_t index) const { return Rng::firstUniform01(seedAt(index)); }

private:
    std::uint64_t seedAt(std::uint64_t index) const
    {
        std::uint64_t x = m_mixed ^ (index * 0x8cb92ba72f3d8dd7ULL);
        return splitmix64(x);
    }

    std::uint64_t m_mixed; // seed and stream, mixed
};

// The quantile function of the standard normal distribution: Wichura's AS241 (PPND16), relative
// error about 1e-16, with no transcendental function for 0.075 ≤ p ≤ 0.925 and one log and one
// square root beyond.
double normalQuantile(double p);

enum class Distribution : std::uint8_t { Constant, Exponential, LogNormal };

// A duration drawn from a distribution. `mean` is the mean for every distribution, so switching
// const → exp → lognormal keeps the offered load the same. LogNormal is fitted to (mean, p99).
struct DurationDist {
    Nanos mean{};
    Distribution kind = Distribution::Constant;
    Nanos p99{}; // LogNormal only; must exceed mean and be at most ~14.9 × mean.

    // A constant draws nothing from `rng`; every other distribution draws one uniform01().
    Nanos draw(Rng &rng) const { return kind == Distribution::Constant ? mean : quantile(rng.uniform01()); }
    // The duration a draw gives for the uniform number `u` in (0, 1): the inverse CDF.
    Nanos quantile(double u) const;
    friend bool operator==(const DurationDist &, const DurationDist &) = default;
};

// The lognormal σ whose mean is `mean` and 99th percentile is `p99`, or a negative number when no
// lognormal has that pair (p99 ≤ mean, or p99 > e^{z²/2} × mean with z the normal 99% quantile).
double logNormalSigma(double mean, double p99);

// A DurationDist ready for many draws: a lognormal's μ and σ are worked out once, where
// DurationDist::quantile works them out at every call (two logarithms and a square root). Both give
// the same durations: DurationDist::quantile is this class's.
class DurationSampler {
public:
    // Precondition: a lognormal `dist` has a valid (mean, p99) pair (the scenario reader checks).
    explicit DurationSampler(const DurationDist &dist) : m_mean(dist.mean), m_kind(dist.kind)
    {
        if (m_kind == Distribution::LogNormal)
            fitLogNormal(dist.p99);
    }

    // A constant draws nothing from `rng`; every other distribution draws one uniform01().
    Nanos draw(Rng &rng) const { return m_kind == Distribution::Constant ? m_mean : quantile(rng.uniform01()); }
    Nanos quantile(double u) const
    {
        switch (m_kind) {
        case Distribution::Constant: return m_mean;
        case Distribution::Exponential: return roundedNanos(-static_cast<double>(m_mean.count()) * std::log(u));
        case Distribution::LogNormal: return roundedNanos(std::exp(m_mu + m_sigma * normalQuantile(u)));
        }
        return m_mean;
    }

private:
    void fitLogNormal(Nanos p99);

    Nanos m_mean;
    Distribution m_kind;
    double m_mu = 0, m_sigma = 0; // LogNormal: the underlying normal's mean and standard deviation
};

inline Nanos DurationDist::quantile(double u) const { return DurationSampler(*this).quantile(u); }

} // namespace conviz
