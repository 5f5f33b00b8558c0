// Simulated time: integer nanoseconds in a named type. Instants and durations share it; the
// simulation never touches a wall clock and never accumulates time in floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace conviz {

class Nanos {
public:
    constexpr Nanos() = default;
    constexpr explicit Nanos(std::int64_t ns) : m_ns(ns) {}

    static constexpr Nanos zero() { return Nanos{0}; }
    static constexpr Nanos max() { return Nanos{std::numeric_limits<std::int64_t>::max()}; }

    constexpr std::int64_t count() const { return m_ns; }
    constexpr double toMicros() const { return static_cast<double>(m_ns) / 1e3; }
    constexpr double toMillis() const { return static_cast<double>(m_ns) / 1e6; }
    constexpr double toSeconds() const { return static_cast<double>(m_ns) / 1e9; }

    constexpr Nanos &operator+=(Nanos o)
    {
        m_ns += o.m_ns;
        return *this;
    }
    constexpr Nanos &operator-=(Nanos o)
    {
        m_ns -= o.m_ns;
        return *this;
    }
    friend constexpr Nanos operator+(Nanos a, Nanos b) { return Nanos{a.m_ns + b.m_ns}; }
    friend constexpr Nanos operator-(Nanos a, Nanos b) { return Nanos{a.m_ns - b.m_ns}; }
    friend constexpr Nanos operator*(Nanos a, std::int64_t k) { return Nanos{a.m_ns * k}; }
    friend constexpr Nanos operator*(std::int64_t k, Nanos a) { return Nanos{a.m_ns * k}; }
    friend constexpr Nanos operator/(Nanos a, std::int64_t k) { return Nanos{a.m_ns / k}; }
    friend constexpr auto operator<=>(Nanos, Nanos) = default;

private:
    std::int64_t m_ns = 0;
};

constexpr Nanos min(Nanos a, Nanos b) { return a < b ? a : b; }
constexpr Nanos max(Nanos a, Nanos b) { return a < b ? b : a; }

// The nearest nanosecond to `ns`, halves away from zero: std::llround's result without its library
// call, which a million-request run made several million times. Precondition: |ns| < 2^63.
constexpr Nanos roundedNanos(double ns)
{
    auto whole = static_cast<std::int64_t>(ns); // toward zero
    // Exact: below 2^53 the fraction is representable, above it `ns` is a whole number.
    const double fraction = ns - static_cast<double>(whole);
    // Flags added, not branches taken: a drawn duration's fraction is as likely above a half as
    // below, so a branch here was mispredicted on every other draw.
    whole += static_cast<std::int64_t>(fraction >= 0.5) - static_cast<std::int64_t>(fraction <= -0.5);
    return Nanos{whole};
}

// Scales a duration by a real factor, rounding to the nearest nanosecond (CPU factors, slowdowns).
constexpr Nanos scaled(Nanos d, double factor) { return roundedNanos(static_cast<double>(d.count()) * factor); }

namespace literals {
constexpr Nanos operator""_ns(unsigned long long v) { return Nanos{static_cast<std::int64_t>(v)}; }
constexpr Nanos operator""_us(unsigned long long v) { return Nanos{static_cast<std::int64_t>(v) * 1000}; }
constexpr Nanos operator""_ms(unsigned long long v) { return Nanos{static_cast<std::int64_t>(v) * 1000000}; }
constexpr Nanos operator""_s(unsigned long long v) { return Nanos{static_cast<std::int64_t>(v) * 1000000000}; }
} // namespace literals

} // namespace conviz
