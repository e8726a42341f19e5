<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppOptions</name>
    <message>
        <source>Kafka desktop: an embedded local cluster and a monitor for remote clusters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the local cluster&apos;s logs in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;port&gt; for the local cluster (0: any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start the local cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the cluster at &lt;host:port&gt; (with --no-embedded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the cluster every &lt;ms&gt; milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid port: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-embedded needs --bootstrap host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bootstrap needs --no-embedded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &lt;n&gt; nodes in the local cluster (1 to 9; default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid number of nodes: %1 (1 to 9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--nodes needs the local cluster (not --no-embedded)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerConfigDialog</name>
    <message>
        <source>Remove the dynamic value (fall back to server.properties or the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka default:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is read-only: change it in server.properties and restart the broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dynamic, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dynamic value removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied to broker %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerConfigsModel</name>
    <message>
        <source>(sensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: changing it needs server.properties and a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerConfigsView</name>
    <message>
        <source>Filter configs by name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the kafka-configs.sh command that describes these configs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the configs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n config(s)</source>
        <translation>
            <numerusform>%n config</numerusform>
            <numerusform>%n configs</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a dynamic config to change it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokersModel</name>
    <message>
        <source>Online</source>
        <comment>broker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline (never seen)</source>
        <comment>broker named by replicas but not in metadata</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <comment>broker; last seen at a time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a member</source>
        <comment>of the metadata quorum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voter (leader)</source>
        <comment>metadata quorum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voter</source>
        <comment>metadata quorum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>observer</source>
        <comment>metadata quorum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>no rack</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker is not in the cluster&apos;s metadata now; its replicas are offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata records this replica is behind the quorum leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <comment>broker id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <comment>host:port</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <comment>broker online or offline</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <comment>controller or broker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quorum</source>
        <comment>metadata quorum role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quorum lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaders</source>
        <comment>partitions led</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <comment>partition replicas hosted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The active controller manages the cluster&apos;s metadata (the quorum leader)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voters elect the controller and replicate the metadata log; observers only follow it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata log records behind the quorum leader (from DescribeQuorum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions this broker leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition replicas this broker hosts, led or followed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata quorum: not reported by this cluster (no DescribeQuorum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata quorum: leader %1  ·  epoch %2  ·  high watermark %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <comment>no quorum leader</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down, not yet fenced</source>
        <comment>broker: a stopped local node the metadata still lists</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>not a node of the local cluster</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <comment>local node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>local node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <comment>local node, stopped as by a crash</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut off</source>
        <comment>local node, links to the other nodes cut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 ms to peers</source>
        <comment>local node, latency added to its links</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <comment>open client connections</comment>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>The node does not run, but the cluster&apos;s metadata still lists it until the controller fences it (no heartbeat for broker.session.timeout.ms); then it shows offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As last reported, before the broker went offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local node</source>
        <comment>what the app did to this node of its local cluster</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size on disk</source>
        <comment>bytes of the broker&apos;s partitions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online while the cluster&apos;s metadata lists the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Sluice did to this node of its local cluster; Status is what the cluster&apos;s metadata says, which follows after a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of the broker&apos;s partition replicas in its log directories (DescribeLogDirs)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokersView</name>
    <message numerus="yes">
        <source>%n broker(s)</source>
        <translation>
            <numerusform>%n broker</numerusform>
            <numerusform>%n brokers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n offline</source>
        <translation>
            <numerusform>%1, %n offline</numerusform>
            <numerusform>%1, %n offline</numerusform>
        </translation>
    </message>
    <message>
        <source>The KRaft metadata quorum (__cluster_metadata), from DescribeQuorum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <comment>broker; last seen at a time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voter (leader)</source>
        <comment>metadata quorum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <comment>local node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut off</source>
        <comment>local node, links to the other nodes cut</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePreview</name>
    <message>
        <source>Copy command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same change with Apache Kafka&apos;s command-line tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the equivalent Kafka command line to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes (dry run):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equivalent command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterSession</name>
    <message>
        <source>Unknown error while reading the cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigValueEditor</name>
    <message>
        <source>%1
Checked: the topic overrides this config. Unchecked: it inherits the broker&apos;s value.
Kafka default: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic override · inherited: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsumerGroupsView</name>
    <message>
        <source>Reset offsets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter groups by id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected group&apos;s committed offsets (only while it has no members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the consumer groups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a group to see its lag over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)  ·  updated %1</source>
        <translation>
            <numerusform>%n group  ·  updated %1</numerusform>
            <numerusform>%n groups  ·  updated %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n group(s)</source>
        <translation>
            <numerusform>%1 of %n group</numerusform>
            <numerusform>%1 of %n groups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteRecordsDialog</name>
    <message>
        <source>Delete Records of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records before the offset you enter are deleted: the partition&apos;s start offset moves up to it. Leave a partition empty to keep it as it is; &quot;end&quot; deletes everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An offset, or &quot;end&quot; for the high watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: &quot;%2&quot; is not an offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: offset %2 is past the end offset %3 (Kafka answers OFFSET_OUT_OF_RANGE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an offset for at least one partition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-%2 start offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteTopicDialog</name>
    <message>
        <source>Delete Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Deleting %1 removes it and all its data%2 from the cluster.&lt;/b&gt; This cannot be undone. Producers may re-create it if the cluster auto-creates topics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the topic&apos;s name to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type %1 exactly to delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted topic %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupMembersModel</name>
    <message>
        <source>%1: %2</source>
        <comment>topic: partitions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <comment>no partitions assigned</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance ID</source>
        <comment>group.instance.id (static membership)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a consumer-protocol assignment)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupPartitionsModel</name>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group has not committed an offset for this partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known: the records&apos; timestamps could not be read, or nothing is committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer</source>
        <comment>client id of the assigned member</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed</source>
        <comment>committed offset</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <comment>records behind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest record&apos;s timestamp minus the timestamp of the record at the committed offset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupsModel</name>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster reported Kafka error code %1 for this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the slowest partition&apos;s committed position is behind its newest record, in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <comment>consumer group state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <comment>group protocol type, e.g. consumer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignor</source>
        <comment>the group&apos;s chosen protocol, e.g. range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <comment>records behind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records not yet consumed: end offset minus committed offset, summed over partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest record&apos;s timestamp minus the committed record&apos;s, worst partition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupsSession</name>
    <message>
        <source>Not connected to the cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LagChart</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalCluster</name>
    <message>
        <source>cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a local cluster has 1 to %1 nodes, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports %1 to %2 are not all free (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is not free (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Sluice or a Kafka broker may be using it. Choose another first port in File › Settings… (or start Sluice with --port), then start Sluice again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalClusterControls</name>
    <message>
        <source>Node %1 is not a node of the local cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cluster refused the command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local Cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalClusterSettings</name>
    <message>
        <source>The local cluster has 1 to %1 nodes, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first port must be between %1 and %2 so that every node has a port (node N listens on the first port + N - 1), not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data directory for the local cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory %1 cannot be created: %2 is not a directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory %1 is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory %1 cannot be created: %2 is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1 of %n broker(s) online</source>
        <translation>
            <numerusform>%1 of %n broker online</numerusform>
            <numerusform>%1 of %n brokers online</numerusform>
        </translation>
    </message>
    <message>
        <source>Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the cluster now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1  ·  %2  ·  %3  ·  updated %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n broker(s)</source>
        <translation>
            <numerusform>%n broker</numerusform>
            <numerusform>%n brokers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n topic</numerusform>
            <numerusform>%n topics</numerusform>
        </translation>
    </message>
    <message>
        <source>Cluster ID: %1
Controller: broker %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost connection to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Nodes: %1
Data directory: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Local cluster: running on %1 (%n node(s))</source>
        <translation>
            <numerusform>Local cluster: running on %1 (%n node)</numerusform>
            <numerusform>Local cluster: running on %1 (%n nodes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Local cluster: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cluster: failed to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sluice %1&lt;/h3&gt;&lt;p&gt;A Kafka desktop: an embedded local cluster and a monitor for remote clusters, speaking the Kafka protocol to both.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker configs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the selected topic&apos;s partitions with their leaders, replicas and ISR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The local cluster has %n client connection(s) besides Sluice&apos;s own. Quitting stops the cluster and closes them. Quit anyway?</source>
        <translation>
            <numerusform>The local cluster has %n client connection besides Sluice&apos;s own. Quitting stops the cluster and closes it. Quit anyway?</numerusform>
            <numerusform>The local cluster has %n client connections besides Sluice&apos;s own. Quitting stops the cluster and closes them. Quit anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cluster keeps running as it is; it uses the new settings the next time Sluice starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cluster&apos;s nodes, data directory and ports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBrowserView</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Partition %1, offset %2 · %3 (%4) · key: %5 · batch: %6, %7, %n record(s)</source>
        <translation>
            <numerusform>Partition %1, offset %2 · %3 (%4) · key: %5 · batch: %6, %7, %n record</numerusform>
            <numerusform>Partition %1, offset %2 · %3 (%4) · key: %5 · batch: %6, %7, %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>Exported %n record to %1</numerusform>
            <numerusform>Exported %n records to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeActions</name>
    <message>
        <source>S&amp;top Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected node cleanly: its leaderships move and it leaves the ISRs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;art Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected node again on its port and data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kill Node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected node as a crash would: no controlled shutdown, unflushed writes lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;estart Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected node cleanly and start it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cut Off Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut every link between the selected node and the other nodes (its clients stay connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Latency…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay every link between the selected node and the other nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heal All Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every cut and added latency between the nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds to add to each link between node %1 and the other nodes (1 to %2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill Node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill node %1 as a crash would? It does not hand over its leaderships or flush its logs; the others notice after their timeouts. Its clients lose their connections.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartitionsModel</name>
    <message>
        <source>Offline</source>
        <comment>partition without a leader</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader not preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <comment>healthy partition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <comment>no partition leader</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster reported Kafka error code %1 for this partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No leader: producers and consumers cannot use this partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader, broker %1, is not among the live brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer in-sync replicas (%1) than replicas (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Led by broker %1, not by its preferred leader (the first replica)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <comment>partition health</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <comment>replica broker ids</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR</source>
        <comment>in-sync replicas</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start offset</source>
        <comment>log start offset</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker that serves produce and fetch for the partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brokers holding a copy, in assignment order; the first is the preferred leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-sync replicas: replicas caught up with the leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas on brokers that are not in the cluster&apos;s metadata now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start offset: the first offset still retained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end offset: the offset the next record will get</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartitionsView</name>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n partition(s)</source>
        <translation>
            <numerusform>%1 of %n partition</numerusform>
            <numerusform>%1 of %n partitions</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter partitions by topic name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline (no leader)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader not preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under-replicated: fewer in-sync replicas than replicas. Offline: no leader. Leader not preferred: led by a replica other than the first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Kafka error code %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetOffsetsDialog</name>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset offsets of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All topics of the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest offset (skip everything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First record at or after a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A given offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offset, e.g. 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run (nothing changes until you reset):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %n member(s))</source>
        <translation>
            <numerusform>%1 (%2, %n member)</numerusform>
            <numerusform>%1 (%2, %n members)</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown state</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The group %1 has %n active member(s). Kafka only lets you reset the offsets of an empty group: stop its consumers first.</source>
        <translation>
            <numerusform>The group %1 has %n active member. Kafka only lets you reset the offsets of an empty group: stop its consumers first.</numerusform>
            <numerusform>The group %1 has %n active members. Kafka only lets you reset the offsets of an empty group: stop its consumers first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an offset (a whole number, 0 or more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group has no committed offsets yet: choose a topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the change before resetting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the new offsets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committing the new offsets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused the dry run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to reset: no partition matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) will move. Nothing has changed yet.</source>
        <translation>
            <numerusform>%n partition will move. Nothing has changed yet.</numerusform>
            <numerusform>%n partitions will move. Nothing has changed yet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cluster refused the reset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offsets reset for %n partition(s).</source>
        <translation>
            <numerusform>Offsets reset for %n partition.</numerusform>
            <numerusform>Offsets reset for %n partitions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionEditor</name>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply with IncrementalAlterConfigs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention (select a topic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>override removed, inherits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionModel</name>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1=%2
Source: %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleanup.policy: delete old segments, compact by key, or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retention.ms: how long records are kept (bold: the topic overrides it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retention.bytes: the size per partition above which old segments are deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size on disk of one replica of every partition (DescribeLogDirs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age of the oldest record still in the topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <source>Filter topics by name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker nodes of the local cluster (1 to %1); each is also a voter of the metadata quorum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node N keeps its logs in this directory&apos;s node-N folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node N listens on this port + N - 1 (127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cluster uses these the next time Sluice starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Local cluster&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first port must be a number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local Cluster Data Directory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Local cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change it in File › Settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicActions</name>
    <message>
        <source>&amp;New Topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a topic (CreateTopics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected topic&apos;s configs or add partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected topic and its data (DeleteTopics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &amp;Records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected topic&apos;s records before an offset (DeleteRecords)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an internal topic: Kafka keeps the cluster&apos;s own state in it, and the brokers refuse to delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an internal topic: the brokers refuse to delete its records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicConfigCatalog</name>
    <message>
        <source>Unknown topic config %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker, dynamic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster default, dynamic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker, server.properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker logger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicForm</name>
    <message>
        <source>New Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. orders-v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka can add partitions but not remove them. Adding partitions changes which partition a key maps to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the replication factor needs a partition reassignment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replication factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configs (check to override for this topic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Validate Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the cluster to check the request without changing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading defaults from the cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No broker known yet: showing Kafka&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the configs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults: broker %1&apos;s configs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current configs of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication factor: %1 larger than available brokers: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min.insync.replicas (%1) is larger than the replication factor (%2): producers with acks=all will fail with NOT_ENOUGH_REPLICAS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding partitions changes the partition of keyed records: ordering per key only holds for records produced after the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replication factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>override removed, inherits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the cluster to validate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid: the cluster would create %1 (validate only, nothing was created).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid: the cluster accepts these changes (validate only, nothing was changed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created topic %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied the changes to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicNameValidator</name>
    <message>
        <source>Topic name is illegal, it can&apos;t be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic name cannot be &quot;.&quot; or &quot;..&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic name is illegal, it can&apos;t be longer than %1 characters (it has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic name &quot;%1&quot; is illegal, it contains a character other than ASCII alphanumerics, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic &apos;%1&apos; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic &apos;%1&apos; collides with existing topic: %2 (names that differ only by &apos;.&apos; and &apos;_&apos; share metric names).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due to limitations in metric names, topics with a period (&apos;.&apos;) or underscore (&apos;_&apos;) could collide. To avoid issues it is best to use either, but not both.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicsModel</name>
    <message>
        <source>—</source>
        <comment>value not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <comment>internal topic</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster reported Kafka error code %1 for this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal topic, managed by the cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <comment>replication factor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End offset</source>
        <comment>sum of log end offsets</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal</source>
        <comment>internal topic</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication factor: replicas per partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end offsets summed over all partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records currently retained: end offset minus start offset, summed over partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics the cluster manages itself, such as __consumer_offsets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicsView</name>
    <message>
        <source>Show internal topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter topics by name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list topics the cluster manages itself, such as __consumer_offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n topic</numerusform>
            <numerusform>%n topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n topic(s)</source>
        <translation>
            <numerusform>%1 of %n topic</numerusform>
            <numerusform>%1 of %n topics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>%1 B</source>
        <comment>bytes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 TiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 PiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 EiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>rate, e.g. 1.5 MiB/s</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <comment>a duration of -1, e.g. retention.ms</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ms</source>
        <translation>
            <numerusform>%n ms</numerusform>
            <numerusform>%n ms</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>lag in time not known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <comment>a config value of -1</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <comment>age, e.g. 3 hours ago</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Local Cluster Did Not Start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaderElectionDialog</name>
    <message numerus="yes">
        <source>%n partition(s): %1</source>
        <translation>
            <numerusform>%n partition: %1</numerusform>
            <numerusform>%n partitions: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Elect a leader outside the ISR for %n partition(s)?</source>
        <translation>
            <numerusform>Elect a leader outside the ISR for %n partition?</numerusform>
            <numerusform>Elect a leader outside the ISR for %n partitions?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move leadership of %n partition(s) to their preferred replicas?</source>
        <translation>
            <numerusform>Move leadership of %n partition to their preferred replicas?</numerusform>
            <numerusform>Move leadership of %n partitions to their preferred replicas?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartitionMapModel</name>
    <message numerus="yes">
        <source>%Ln partition(s)</source>
        <comment>a topic row of the map</comment>
        <translation>
            <numerusform>%Ln partition</numerusform>
            <numerusform>%Ln partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln leader(s)</source>
        <comment>on a broker</comment>
        <translation>
            <numerusform>%Ln leader</numerusform>
            <numerusform>%Ln leaders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln replica(s)</source>
        <comment>on a broker</comment>
        <translation>
            <numerusform>%Ln replica</numerusform>
            <numerusform>%Ln replicas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartitionMapView</name>
    <message numerus="yes">
        <source>%Ln partition(s)</source>
        <translation>
            <numerusform>%Ln partition</numerusform>
            <numerusform>%Ln partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln partition(s), one row per topic</source>
        <translation>
            <numerusform>%Ln partition, one row per topic</numerusform>
            <numerusform>%Ln partitions, one row per topic</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReassignmentDialog</name>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) of %1 change (replicas in order; the first is the preferred leader):</source>
        <translation>
            <numerusform>%n partition of %1 change (replicas in order; the first is the preferred leader):</numerusform>
            <numerusform>%n partitions of %1 change (replicas in order; the first is the preferred leader):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) still reassigning: new replicas are catching up with the leader.</source>
        <translation>
            <numerusform>%n partition still reassigning: new replicas are catching up with the leader.</numerusform>
            <numerusform>%n partitions still reassigning: new replicas are catching up with the leader.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel the reassignment of %n partition(s) of %1?</source>
        <translation>
            <numerusform>Cancel the reassignment of %n partition of %1?</numerusform>
            <numerusform>Cancel the reassignment of %n partitions of %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moves %n partition(s)</source>
        <translation>
            <numerusform>Moves %n partition</numerusform>
            <numerusform>Moves %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reassign %n partition(s) of %1?</source>
        <translation>
            <numerusform>Reassign %n partition of %1?</numerusform>
            <numerusform>Reassign %n partitions of %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reassignment started for %n partition(s).</source>
        <translation>
            <numerusform>Reassignment started for %n partition.</numerusform>
            <numerusform>Reassignment started for %n partitions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
