/* rdkafka_performance.c includes both "../src/rd.h" and "rd.h". */
#include "src/rd.h"
