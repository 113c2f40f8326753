/* sp-api-episodes-overview.c — being split out */

#include "config.h"
