#include "ConsumerAssignment.h"

#include <string>

namespace {

class Reader
{
public:
    explicit Reader(std::span<const uint8_t> bytes) : m_bytes(bytes) {}

    bool read(int64_t &out, int width)
    {
        if (m_pos + static_cast<std::size_t>(width) > m_bytes.size())
            return false;
        uint64_t v = 0;
        for (int i = 0; i < width; ++i)
            v = (v << 8) | m_bytes[m_pos++];
        // Sign-extend from `width` bytes.
        const int shift = 64 - 8 * width;
        out = static_cast<int64_t>(v << shift) >> shift;
        return true;
    }
    bool readBytes(std::size_t count, const uint8_t *&out)
    {
        if (m_pos + count > m_bytes.size())
            return false;
        out = m_bytes.data() + m_pos;
        m_pos += count;
        return true;
    }
    bool atEnd() const { return m_pos == m_bytes.size(); }

private:
    std::span<const uint8_t> m_bytes;
    std::size_t m_pos = 0;
};

void put(std::vector<uint8_t> &out, int64_t value, int width)
{
    for (int i = width - 1; i >= 0; --i)
        out.push_back(static_cast<uint8_t>((static_cast<uint64_t>(value) >> (8 * i)) & 0xff));
}

}  // namespace

std::optional<ConsumerAssignment> ConsumerAssignment::decode(std::span<const uint8_t> bytes)
{
    ConsumerAssignment assignment;
    if (bytes.empty())
        return assignment;
    Reader in(bytes);
    int64_t version = 0, topicCount = 0;
    if (!in.read(version, 2) || version < 0 || !in.read(topicCount, 4) || topicCount < -1)
        return std::nullopt;
    assignment.version = static_cast<int16_t>(version);
    // Each topic needs at least 6 bytes: a bound on the count that rejects garbage before allocating.
    if (topicCount > static_cast<int64_t>(bytes.size() / 6))
        return std::nullopt;
    for (int64_t t = 0; t < topicCount; ++t) {
        int64_t nameLength = 0, partitionCount = 0;
        const uint8_t *name = nullptr;
        if (!in.read(nameLength, 2) || nameLength < 0 || !in.readBytes(static_cast<std::size_t>(nameLength), name))
            return std::nullopt;
        AssignedTopic topic;
        topic.topic.assign(reinterpret_cast<const char *>(name), static_cast<std::size_t>(nameLength));
        if (!in.read(partitionCount, 4) || partitionCount < -1 || partitionCount > static_cast<int64_t>(bytes.size() / 4))
            return std::nullopt;
        for (int64_t p = 0; p < partitionCount; ++p) {
            int64_t partition = 0;
            if (!in.read(partition, 4))
                return std::nullopt;
            topic.partitions.push_back(static_cast<int32_t>(partition));
        }
        assignment.topics.push_back(std::move(topic));
    }
    if (in.atEnd())
        return assignment;  // some clients omit the user data entirely
    int64_t userDataLength = 0;
    if (!in.read(userDataLength, 4) || userDataLength < -1)
        return std::nullopt;
    if (userDataLength > 0) {
        const uint8_t *data = nullptr;
        if (!in.readBytes(static_cast<std::size_t>(userDataLength), data))
            return std::nullopt;
        assignment.userData.assign(data, data + userDataLength);
    }
    if (!in.atEnd() && assignment.version == 0)
        return std::nullopt;  // trailing bytes are only allowed for later versions' added fields
    return assignment;
}

std::vector<uint8_t> ConsumerAssignment::encode() const
{
    std::vector<uint8_t> out;
    put(out, version, 2);
    put(out, static_cast<int64_t>(topics.size()), 4);
    for (const auto &topic : topics) {
        put(out, static_cast<int64_t>(topic.topic.size()), 2);
        out.insert(out.end(), topic.topic.begin(), topic.topic.end());
        put(out, static_cast<int64_t>(topic.partitions.size()), 4);
        for (int32_t p : topic.partitions)
            put(out, p, 4);
    }
    put(out, userData.empty() ? -1 : static_cast<int64_t>(userData.size()), 4);
    out.insert(out.end(), userData.begin(), userData.end());
    return out;
}
