#!/usr/bin/python3
"""The M/M/1 run of the MM1_1M/model benchmark (tests/bench/conviz_bench.cpp), in SimPy 2.3.

Poisson arrivals at 800/s, one server, exponential service with mean 1 ms, 1,000,000 customers.
Prints the mean response time (queueing plus service; theory: 1 / (1000 - 800) s = 5 ms) and the
wall and CPU time of the run, which is what conviz's benchmark is compared against.

    sudo apt-get install -y python3-simpy       # SimPy 2.3.1 on Debian 12
    /usr/bin/python3 docs/measurements/mm1_simpy.py [--customers N] [--seed S]
"""

import argparse
import random
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

ARRIVAL_RATE = 800.0  # customers per second
SERVICE_MEAN = 0.001  # seconds


class Customer(Process):
    """Waits for the server, holds it for one exponential service time, leaves."""

    def visit(self, server, rng, totals):
        arrived = self.sim.now()
        yield request, self, server
        yield hold, self, rng.expovariate(1.0 / SERVICE_MEAN)
        yield release, self, server
        totals[0] += self.sim.now() - arrived
        totals[1] += 1


class Source(Process):
    """Starts one customer after each exponential inter-arrival time."""

    def generate(self, count, server, rng, totals):
        for _ in range(count):
            customer = Customer(sim=self.sim)
            self.sim.activate(customer, customer.visit(server, rng, totals))
            yield hold, self, rng.expovariate(ARRIVAL_RATE)


def run(customers, seed):
    sim = Simulation()
    sim.initialize()
    server = Resource(capacity=1, sim=sim)
    rng = random.Random(seed)
    totals = [0.0, 0]  # summed response times, customers done
    source = Source(sim=sim)
    sim.activate(source, source.generate(customers, server, rng, totals))
    sim.simulate(until=1e12)  # runs until no event is left
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    wall, cpu = time.perf_counter(), time.process_time()
    total, done = run(args.customers, args.seed)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"customers {done}, mean response time {total / done * 1e3:.4f} ms")
    print(f"wall {wall:.3f} s, cpu {cpu:.3f} s")


if __name__ == "__main__":
    main()
