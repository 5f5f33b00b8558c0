// A thread that inherits dirty upper halves of the AVX registers (a thread is cloned with its
// parent's register state, and some library code leaves them dirty) runs every SSE instruction with
// a false dependency on them until something clears them. Measured in the app's worker threads:
// 3 M calls of exp and log took 730 ms, against 24 ms after one vzeroupper; fanout-500's cost
// estimate took 540 ms instead of 64. Each heavy computation clears the state first.
#pragma once

namespace conviz {

// Clears the upper halves of the vector registers on x86-64 CPUs with AVX; does nothing elsewhere.
// Costs a few cycles. Results never depend on it.
void clearUpperVectorState();

} // namespace conviz
