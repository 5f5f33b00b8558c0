#include "engine/core/random.h"

#include "engine/core/contract.h"

#include <cmath>
#include <numbers>

namespace conviz {
namespace {

// z such that Φ(z) = 0.99.
constexpr double kZ99 = 2.3263478740408408;

} // namespace

RngStream::RngStream(std::uint64_t seed, std::uint64_t stream)
{
    // Mix the three inputs through splitmix so nearby (stream, index) pairs give unrelated states:
    // seed and stream here, the index in at().
    std::uint64_t x = seed;
    const std::uint64_t mixed = splitmix64(x);
    x = mixed ^ (stream * 0xd1b54a32d192ed03ULL);
    m_mixed = splitmix64(x);
}

Rng Rng::forStream(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
{
    return RngStream(seed, stream).at(index);
}

std::uint32_t Rng::below(std::uint32_t n)
{
    CONVIZ_ASSERT(n > 0, "Rng::below needs a non-empty range");
    // Multiply-shift: maps 32 random bits onto [0, n) with a bias below 2^-32 × n, fine here.
    const std::uint64_t r = next() >> 32;
    return static_cast<std::uint32_t>((r * n) >> 32);
}

double Rng::standardNormal() { return normalQuantile(uniform01()); }

double normalQuantile(double p)
{
    CONVIZ_ASSERT(p > 0.0 && p < 1.0, "normalQuantile needs 0 < p < 1");
    // Rational approximations of Acklam (2003) in three regions, then one Halley step on erfc.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double logNormalSigma(double mean, double p99)
{
    // mean = e^{μ+σ²/2}, p99 = e^{μ+zσ}  ⇒  σ²/2 − zσ + ln(p99/mean) = 0; take the smaller root.
    if (!(mean > 0) || !(p99 > mean))
        return -1;
    const double k = std::log(p99 / mean);
    const double disc = kZ99 * kZ99 - 2 * k;
    if (disc < 0)
        return -1;
    return kZ99 - std::sqrt(disc);
}

Nanos DurationDist::logNormalQuantile(double u) const
{
    const auto m = static_cast<double>(mean.count());
    const double sigma = logNormalSigma(m, static_cast<double>(p99.count()));
    CONVIZ_ASSERT(sigma >= 0, "lognormal (mean, p99) pair was not validated");
    const double mu = std::log(m) - sigma * sigma / 2;
    return roundedNanos(std::exp(mu + sigma * normalQuantile(u)));
}

} // namespace conviz
