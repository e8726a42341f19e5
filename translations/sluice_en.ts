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
</context>
<context>
    <name>ClusterSession</name>
    <message>
        <source>Unknown error while reading the cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalCluster</name>
    <message>
        <source>this build of Sluice has no embedded broker engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker did not start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
    <message>
        <source>Local cluster: running on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>SnapshotProviderFactory</name>
    <message>
        <source>cannot read %1: this build of Sluice has no Kafka client</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Local cluster</source>
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
</context>
</TS>
