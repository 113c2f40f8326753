/* placeholder: being written */
#include "config.h"
#include "sp-planning.h"
