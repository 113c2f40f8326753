/* placeholder: being written */
#include "config.h"
#include "sp-region-profile.h"
