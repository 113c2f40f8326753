/* sp-api-episodes-actions.c — being split out */

#include "config.h"
