/* placeholder: being written */
#include "config.h"
#include "sp-deadline.h"
