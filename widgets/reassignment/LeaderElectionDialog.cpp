#include "LeaderElectionDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "KafkaCommands.h"
#include "engine/client/reassignment_plan.h"
#include "engine/common/error_code.h"

namespace {

const char JsonFile[] = "election.json";

}  // namespace

LeaderElectionDialog::LeaderElectionDialog(AdminService *admin, const QList<QPair<QString, int>> &partitions,
                                           ElectionType type, QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_partitions(partitions)
    , m_preferred(new QRadioButton(tr("&Preferred leader: move leadership back to the first replica (safe)"), this))
    , m_unclean(new QRadioButton(tr("&Unclean: elect any live replica, even one not in the ISR"), this))
    , m_warning(new QLabel(this))
    , m_jsonEdit(new QPlainTextEdit(this))
    , m_commandEdit(new QPlainTextEdit(this))
    , m_result(new QLabel(this))
    , m_electButton(new QPushButton(tr("&Elect leaders…"), this))
{
    setObjectName(QStringLiteral("leaderElectionDialog"));
    setWindowTitle(tr("Elect leaders"));

    QStringList names;
    for (const auto &[topic, partition] : std::as_const(m_partitions))
        names << QStringLiteral("%1-%2").arg(topic).arg(partition);
    auto *what = new QLabel(tr("%n partition(s): %1", nullptr, static_cast<int>(m_partitions.size()))
                                .arg(names.mid(0, 12).join(QLatin1String(", ")) +
                                     (names.size() > 12 ? QStringLiteral(", …") : QString())),
                            this);
    what->setWordWrap(true);

    auto *typeBox = new QGroupBox(tr("Election type"), this);
    auto *typeLayout = new QVBoxLayout(typeBox);
    typeLayout->addWidget(m_preferred);
    typeLayout->addWidget(m_unclean);
    m_preferred->setObjectName(QStringLiteral("preferredElection"));
    m_unclean->setObjectName(QStringLiteral("uncleanElection"));
    m_warning->setObjectName(QStringLiteral("uncleanWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b01020; font-weight: bold"));
    m_warning->setText(tr("Unclean election can lose data: a replica outside the ISR may miss records the old leader "
                          "acknowledged, and they are gone for good once it leads. Use it only to bring back a partition "
                          "that has no leader and whose in-sync replicas cannot return."));
    typeLayout->addWidget(m_warning);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_jsonEdit, m_commandEdit}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setMaximumHeight(fontMetrics().height() * 4);
    }
    m_jsonEdit->setObjectName(QStringLiteral("electionJson"));
    m_commandEdit->setObjectName(QStringLiteral("electionCommand"));
    auto *copyJson = new QPushButton(tr("Copy JSON"), this);
    auto *copyCommand = new QPushButton(tr("Copy command"), this);
    auto *copyRow = new QHBoxLayout;
    copyRow->addStretch(1);
    copyRow->addWidget(copyJson);
    copyRow->addWidget(copyCommand);

    m_result->setObjectName(QStringLiteral("electionResult"));
    m_result->setWordWrap(true);
    m_electButton->setObjectName(QStringLiteral("electLeaders"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_electButton, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(typeBox);
    layout->addWidget(new QLabel(QString::fromLatin1(JsonFile) + QLatin1Char(':'), this));
    layout->addWidget(m_jsonEdit);
    layout->addWidget(new QLabel(tr("Command:"), this));
    layout->addWidget(m_commandEdit);
    layout->addLayout(copyRow);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(640, 480);

    (type == ElectionType::Unclean ? m_unclean : m_preferred)->setChecked(true);
    connect(m_preferred, &QRadioButton::toggled, this, &LeaderElectionDialog::updatePreview);
    connect(copyJson, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(jsonText()); });
    connect(copyCommand, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(commandText()); });
    connect(m_electButton, &QPushButton::clicked, this, &LeaderElectionDialog::confirmElect);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_electButton->setEnabled(m_admin && !m_partitions.isEmpty());
    updatePreview();
}

ElectionType LeaderElectionDialog::electionType() const
{
    return m_unclean->isChecked() ? ElectionType::Unclean : ElectionType::Preferred;
}

void LeaderElectionDialog::setElectionType(ElectionType type)
{
    (type == ElectionType::Unclean ? m_unclean : m_preferred)->setChecked(true);
}

QString LeaderElectionDialog::jsonText() const
{
    std::vector<sluice::client::topic_partition> partitions;
    for (const auto &[topic, partition] : m_partitions)
        partitions.push_back({topic.toStdString(), partition});
    return QString::fromStdString(sluice::client::election_json(partitions));
}

QString LeaderElectionDialog::commandText() const
{
    return KafkaCommands::electLeaders(m_admin ? m_admin->bootstrap() : QString(), electionType(),
                                       QString::fromLatin1(JsonFile));
}

QString LeaderElectionDialog::resultText() const
{
    return m_result->text();
}

void LeaderElectionDialog::updatePreview()
{
    m_warning->setVisible(electionType() == ElectionType::Unclean);
    m_jsonEdit->setPlainText(jsonText());
    m_commandEdit->setPlainText(commandText());
}

void LeaderElectionDialog::confirmElect()
{
    const int count = static_cast<int>(m_partitions.size());
    if (electionType() == ElectionType::Unclean) {
        QMessageBox box(QMessageBox::Warning, tr("Unclean leader election"),
                        tr("Elect a leader outside the ISR for %n partition(s)?", nullptr, count), QMessageBox::NoButton,
                        this);
        box.setInformativeText(tr("Records that only the old in-sync replicas had are lost for good, and consumers may "
                                  "see offsets go back. Kafka does this only when asked, as here. This cannot be undone."));
        QPushButton *go = box.addButton(tr("Elect, accepting data loss"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != go)
            return;
    } else if (QMessageBox::question(this, tr("Preferred leader election"),
                                     tr("Move leadership of %n partition(s) to their preferred replicas?", nullptr, count)) !=
               QMessageBox::Yes) {
        return;
    }
    elect();
}

void LeaderElectionDialog::elect()
{
    if (!m_admin || m_partitions.isEmpty())
        return;
    m_electButton->setEnabled(false);
    m_result->setText(tr("Electing…"));
    ElectionRequest request{electionType(), m_partitions};
    m_admin->electLeaders(request).then(this, [this](const PartitionResults &results) {
        m_electButton->setEnabled(true);
        if (!results.result.ok()) {
            m_result->setText(tr("The election failed: %1").arg(results.result.text()));
            m_result->setStyleSheet(QStringLiteral("color: #b01020"));
            emit finished(results);
            return;
        }
        int elected = 0, notNeeded = 0;
        QStringList failures;
        for (const PartitionOutcome &p : results.partitions) {
            if (p.result.ok())
                ++elected;
            else if (p.result.errorCode == static_cast<int>(sluice::protocol::error_code::election_not_needed))
                ++notNeeded;  // already led by the replica asked for: not a failure
            else
                failures << tr("%1-%2: %3").arg(p.topic).arg(p.partition).arg(p.result.text());
        }
        QString text = tr("Leaders elected: %1. Already led as asked: %2.").arg(elected).arg(notNeeded);
        if (!failures.isEmpty())
            text += QLatin1Char('\n') + tr("Failed: %1").arg(failures.join(QLatin1Char('\n')));
        m_result->setText(text);
        m_result->setStyleSheet(failures.isEmpty() ? QString() : QStringLiteral("color: #b01020"));
        emit finished(results);
    });
}
