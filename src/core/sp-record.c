/* placeholder: being written */
#include "config.h"
#include "sp-record.h"
