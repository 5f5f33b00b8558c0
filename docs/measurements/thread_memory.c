// Resident and virtual memory of idle pthreads with the default stack size.
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int go = 0;
static void *worker(void *arg) { (void)arg; pthread_mutex_lock(&mu); while (!go) pthread_cond_wait(&cv, &mu); pthread_mutex_unlock(&mu); return 0; }
static void status(const char *label) {
    FILE *f = fopen("/proc/self/status", "r"); char line[256];
    printf("%s:", label);
    while (fgets(line, sizeof line, f)) if (!strncmp(line, "VmRSS", 5) || !strncmp(line, "VmSize", 6) || !strncmp(line, "Threads", 7)) { line[strcspn(line, "\n")] = 0; printf(" %s;", line); }
    printf("\n"); fclose(f);
}
int main(void) {
    enum { N = 10000 };
    static pthread_t t[N];
    status("idle process");
    for (int i = 0; i < N; i++) if (pthread_create(&t[i], 0, worker, 0)) { printf("create failed at %d\n", i); return 1; }
    sleep(1);
    status("10000 idle threads");
    pthread_mutex_lock(&mu); go = 1; pthread_cond_broadcast(&cv); pthread_mutex_unlock(&mu);
    for (int i = 0; i < N; i++) pthread_join(t[i], 0);
    return 0;
}
