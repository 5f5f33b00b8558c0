#include "engine/task_table.h"

namespace conviz {

std::uint64_t TaskTable::parentSerial(TaskId t) const
{
    const Task &k = m_tasks[t];
    return k.parent == kNoTask ? 0 : m_tasks[k.parent].serial;
}

} // namespace conviz
