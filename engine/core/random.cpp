#include "engine/core/random.h"

#include "engine/core/contract.h"

#include <array>
#include <cmath>

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
    // Wichura, "Algorithm AS 241: The percentage points of the normal distribution", Applied
    // Statistics 37 (1988) 477–484: a rational function of degree 7 in each of three regions.
    // Horner's rule, lowest coefficient first in each array.
    // clang-format off
    static constexpr std::array<double, 8> a{
        3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
        45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
    static constexpr std::array<double, 8> b{
        1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
        21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925};
    static constexpr std::array<double, 8> c{
        1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
        1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4};
    static constexpr std::array<double, 8> d{
        1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
        0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9};
    static constexpr std::array<double, 8> e{
        6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
        0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static constexpr std::array<double, 8> f{
        1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
        7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15};
    // clang-format on
    const auto poly = [](const std::array<double, 8> &k, double x) {
        double r = k[7];
        for (int i = 6; i >= 0; --i)
            r = r * x + k[static_cast<std::size_t>(i)];
        return r;
    };
    const double q = p - 0.5;
    if (std::abs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * poly(a, r) / poly(b, r);
    }
    double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
    double x;
    if (r <= 5) {
        r -= 1.6;
        x = poly(c, r) / poly(d, r);
    } else {
        r -= 5;
        x = poly(e, r) / poly(f, r);
    }
    return q < 0 ? -x : x;
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

void DurationSampler::fitLogNormal(Nanos p99)
{
    const auto mean = static_cast<double>(m_mean.count());
    m_sigma = logNormalSigma(mean, static_cast<double>(p99.count()));
    CONVIZ_ASSERT(m_sigma >= 0, "lognormal (mean, p99) pair was not validated");
    m_mu = std::log(mean) - m_sigma * m_sigma / 2;
}

} // namespace conviz
