// How long does a thread-per-connection server's accept loop spend creating each thread?
// Creates N threads one after another, as an accept loop does, each with a stack of S bytes and
// each blocking (on a pipe, as a connection thread blocks in read()) until all exist; times every
// pthread_create on the creating thread. Then the same N created and joined one at a time (the
// "create + join" figure FACTS quotes). Prints the machine's load average before and after.
//
//   g++ -O2 -pthread thread_create.cpp -o thread_create && ./thread_create N STACK_BYTES RUNS
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace {

int g_pipe[2];

double nowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

void *blockOnPipe(void *)
{
    char c;
    (void)!read(g_pipe[0], &c, 1); // a connection thread waiting for its client
    return nullptr;
}

void *nothing(void *) { return nullptr; }

double loadAverage()
{
    double one = -1;
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &one) != 1)
            one = -1;
        std::fclose(f);
    }
    return one;
}

double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s N STACK_BYTES RUNS\n", argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const auto stack = static_cast<std::size_t>(std::atoll(argv[2]));
    const int runs = std::atoi(argv[3]);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, stack) != 0) {
        std::fprintf(stderr, "bad stack size\n");
        return 2;
    }
    std::printf("N %d, stack %zu B, load average before %.2f\n", n, stack, loadAverage());
    std::printf("run  create-in-a-row: median  p10  p90 (us)   create+join: median  p10  p90 (us)\n");
    for (int r = 0; r < runs; ++r) {
        if (pipe(g_pipe) != 0)
            return 1;
        std::vector<pthread_t> threads(static_cast<std::size_t>(n));
        std::vector<double> create(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const double t0 = nowUs();
            if (pthread_create(&threads[static_cast<std::size_t>(i)], &attr, blockOnPipe, nullptr) != 0) {
                std::fprintf(stderr, "pthread_create failed at %d\n", i);
                return 1;
            }
            create[static_cast<std::size_t>(i)] = nowUs() - t0;
        }
        std::vector<char> bytes(static_cast<std::size_t>(n), 'x');
        (void)!write(g_pipe[1], bytes.data(), bytes.size());
        for (pthread_t t : threads)
            pthread_join(t, nullptr);
        close(g_pipe[0]);
        close(g_pipe[1]);

        std::vector<double> join(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            pthread_t t;
            const double t0 = nowUs();
            pthread_create(&t, &attr, nothing, nullptr);
            pthread_join(t, nullptr);
            join[static_cast<std::size_t>(i)] = nowUs() - t0;
        }
        std::printf("%3d  %23.1f %5.1f %5.1f   %20.1f %5.1f %5.1f\n", r + 1, quantile(create, 0.5),
                    quantile(create, 0.1), quantile(create, 0.9), quantile(join, 0.5), quantile(join, 0.1),
                    quantile(join, 0.9));
    }
    std::printf("load average after %.2f\n", loadAverage());
    pthread_attr_destroy(&attr);
    return 0;
}
