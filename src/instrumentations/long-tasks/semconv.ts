/** Not semantic conventions (there are none for these yet). */
export const ATTR_LONG_TASK_BLOCKING_DURATION = 'long_task.blocking_duration';
export const ATTR_LONG_TASK_SCRIPT_INVOKER = 'long_task.script.invoker';
export const ATTR_LONG_TASK_SCRIPT_INVOKER_TYPE = 'long_task.script.invoker_type';
export const ATTR_LONG_TASK_SCRIPT_SOURCE_URL = 'long_task.script.source_url';
export const ATTR_LONG_TASK_SCRIPT_FUNCTION = 'long_task.script.function';
export const ATTR_LONG_TASK_SCRIPT_DURATION = 'long_task.script.duration';
export const ATTR_LONG_TASK_CONTAINER = 'long_task.container';
