/* placeholder: being written */
#include "config.h"
#include "sp-calendar.h"
