/* sp-api-sip-plan.c — being split out of sp-api-sip.c */

#include "config.h"
