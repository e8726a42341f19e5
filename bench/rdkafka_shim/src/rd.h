/* Stand-in for librdkafka's internal src/rd.h, so that Debian's copy of examples/rdkafka_performance.c
 * (librdkafka-dev) builds outside librdkafka's source tree: only what that example uses. */
#ifndef SLUICE_BENCH_RD_H
#define SLUICE_BENCH_RD_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define rd_snprintf snprintf
#define RD_MAX(a, b) ((a) > (b) ? (a) : (b))
#define RD_MIN(a, b) ((a) < (b) ? (a) : (b))
#define RD_UNUSED __attribute__((unused))

#include "../rdtime.h"
#endif
