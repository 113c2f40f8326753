/* placeholder: being written */
#include "config.h"
#include "sp-episode.h"
