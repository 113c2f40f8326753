/* sp-api-sip-commands.c — being split out of sp-api-sip.c */

#include "config.h"
