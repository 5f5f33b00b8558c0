// What does a thread's whole life cost in CPU time? Creates B threads at once (a fan-out), each
// doing nothing but exit, then joins them all; R rounds. Reports, per thread: the creator's time in
// pthread_create, the process's CPU time (user + system, every thread, getrusage) and wall time.
//   g++ -O2 -pthread thread_life.cpp -o thread_life && ./thread_life B STACK_BYTES ROUNDS
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pthread.h>
#include <sys/resource.h>
#include <vector>
static double nowUs(clockid_t c = CLOCK_MONOTONIC)
{
    timespec ts{};
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
static double cpuUs()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}
static void *nothing(void *) { return nullptr; }
int main(int argc, char **argv)
{
    int b = argc > 1 ? atoi(argv[1]) : 500;
    size_t stack = argc > 2 ? strtoull(argv[2], nullptr, 10) : 8 << 20;
    int rounds = argc > 3 ? atoi(argv[3]) : 20;
    double load[3];
    getloadavg(load, 3);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack);
    std::vector<pthread_t> t(b);
    std::vector<double> perCreate, perCpu, perWall;
    for (int r = 0; r < rounds; ++r) {
        double c0 = cpuUs(), w0 = nowUs(), create = 0;
        for (int i = 0; i < b; ++i) {
            double s = nowUs(CLOCK_THREAD_CPUTIME_ID);
            pthread_create(&t[i], &attr, nothing, nullptr);
            create += nowUs(CLOCK_THREAD_CPUTIME_ID) - s;
        }
        for (int i = 0; i < b; ++i)
            pthread_join(t[i], nullptr);
        perCreate.push_back(create / b);
        perCpu.push_back((cpuUs() - c0) / b);
        perWall.push_back((nowUs() - w0) / b);
    }
    auto med = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    auto lo = [](std::vector<double> v) { return *std::min_element(v.begin(), v.end()); };
    auto hi = [](std::vector<double> v) { return *std::max_element(v.begin(), v.end()); };
    printf("B %d stack %zu rounds %d load %.2f | per thread: create (creator CPU) %.1f us (%.1f-%.1f), process CPU "
           "%.1f us (%.1f-%.1f), wall %.1f us (%.1f-%.1f)\n",
           b, stack, rounds, load[0], med(perCreate), lo(perCreate), hi(perCreate), med(perCpu), lo(perCpu), hi(perCpu),
           med(perWall), lo(perWall), hi(perWall));
}
