/* sp-api-episodes-render.c — being split out */

#include "config.h"
