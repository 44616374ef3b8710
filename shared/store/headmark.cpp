#include "headmark.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace chevet {

HeadMark::HeadMark(QString path)
    : m_path(std::move(path))
{}

HeadMark::~HeadMark()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status HeadMark::write(const QByteArray &head)
{
    const auto failed = [this](int error) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return makeError(StoreError::HeadMarkUnwritable,
                         QStringLiteral("cannot write the store's head mark: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(error))));
    };
    // One pwrite of a few dozen bytes in place: no rename, no fsync (see the class comment).
    bool created = false;
    if (m_fd < 0) {
        const QByteArray native = QFile::encodeName(m_path);
        created = ::access(native.constData(), F_OK) != 0;
        m_fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return failed(errno);
        if (::ftruncate(m_fd, head.size()) != 0) // the mark is always the same size
            return failed(errno);
    }
    if (::pwrite(m_fd, head.constData(), size_t(head.size()), 0) != head.size())
        return failed(errno);
    if (created) {
        // A new mark is made durable, with its name, before the store records that it keeps one: a power
        // cut must not leave the flag without the file (a false "damaged"). Later writes overwrite it in
        // place, where losing one only leaves the mark behind.
        if (::fsync(m_fd) != 0)
            return failed(errno);
        const QByteArray folder = QFile::encodeName(QFileInfo(m_path).absolutePath());
        const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
    }
    return {};
}

Result<std::optional<QByteArray>> HeadMark::read() const
{
    QFile file(m_path);
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(StoreError::Unreadable,
                         QStringLiteral("cannot read the store's head mark: %1").arg(file.errorString()));
    return std::optional<QByteArray>(file.readAll());
}

} // namespace chevet
