// Deterministic randomness. The generator (xoshiro256**) and every distribution are written here, by
// inverse CDF, because std:: distributions differ between standard libraries: a scenario and a seed
// must give the same numbers on every platform.
#pragma once

#include "engine/core/sim_time.h"

#include <array>
#include <cstdint>

namespace conviz {

class Rng {
public:
    // Seeds the four state words from splitmix64(seed).
    explicit Rng(std::uint64_t seed);

    // An independent generator for (seed, stream, index): used so that request k gets the same
    // numbers whatever order the models ask for them in (common random numbers).
    static Rng forStream(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0);

    std::uint64_t next();
    // Uniform in the open interval (0, 1), 53 bits of resolution.
    double uniform01();
    // Uniform integer in [0, n). Precondition: n > 0.
    std::uint32_t below(std::uint32_t n);
    // Exponential with the given mean.
    double exponential(double mean);
    // Standard normal by inverse CDF.
    double standardNormal();

private:
    std::array<std::uint64_t, 4> m_s{};
};

// The quantile function of the standard normal distribution (|error| < 1.2e-9 after refinement).
double normalQuantile(double p);

enum class Distribution : std::uint8_t { Constant, Exponential, LogNormal };

// A duration drawn from a distribution. `mean` is the mean for every distribution, so switching
// const → exp → lognormal keeps the offered load the same. LogNormal is fitted to (mean, p99).
struct DurationDist {
    Nanos mean{};
    Distribution kind = Distribution::Constant;
    Nanos p99{}; // LogNormal only; must exceed mean and be at most ~14.9 × mean.

    Nanos draw(Rng &rng) const;
    friend bool operator==(const DurationDist &, const DurationDist &) = default;
};

// The lognormal σ whose mean is `mean` and 99th percentile is `p99`, or a negative number when no
// lognormal has that pair (p99 ≤ mean, or p99 > e^{z²/2} × mean with z the normal 99% quantile).
double logNormalSigma(double mean, double p99);

} // namespace conviz
