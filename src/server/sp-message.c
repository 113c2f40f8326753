/* sp-message.c — being split out */

#include "config.h"
