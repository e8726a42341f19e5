#include "SettingsDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "LocalCluster.h"

SettingsDialog::SettingsDialog(const LocalClusterSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_initial(current)
    , m_nodes(new QSpinBox(this))
    , m_dataDir(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    // The spin box's range is wider than the valid one so that a bad count is said, not silently clamped.
    m_nodes->setObjectName(QStringLiteral("nodesBox"));
    m_nodes->setRange(0, 99);
    m_nodes->setValue(current.nodes);
    m_nodes->setToolTip(tr("Broker nodes of the local cluster (1 to %1); each is also a voter of the metadata quorum")
                            .arg(LocalCluster::MaxNodeCount));
    m_dataDir->setObjectName(QStringLiteral("dataDirEdit"));
    m_dataDir->setText(QDir::toNativeSeparators(current.dataDir));
    m_dataDir->setToolTip(tr("Node N keeps its logs in this directory's node-N folder"));
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setText(QString::number(current.firstPort));
    m_port->setToolTip(tr("Node N listens on this port + N - 1 (127.0.0.1)"));
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &SettingsDialog::browse);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dataDir, 1);
    dirRow->addWidget(browseButton);

    auto *form = new QFormLayout;
    form->addRow(tr("&Nodes:"), m_nodes);
    // A row of a layout gets no buddy from addRow(): the label needs one for its shortcut (and not to show "&").
    auto *dirLabel = new QLabel(tr("&Data directory:"), this);
    dirLabel->setBuddy(m_dataDir);
    form->addRow(dirLabel, dirRow);
    form->addRow(tr("&First port:"), m_port);

    auto *note = new QLabel(tr("The local cluster uses these the next time Sluice starts."), this);
    note->setWordWrap(true);
    m_problems->setObjectName(QStringLiteral("settingsProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b01020;"));
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    auto *group = new QLabel(tr("<b>Local cluster</b>"), this);
    layout->addWidget(group);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

LocalClusterSettings SettingsDialog::settings() const
{
    LocalClusterSettings out;
    out.nodes = m_nodes->value();
    out.dataDir = QDir::fromNativeSeparators(m_dataDir->text().trimmed());
    bool ok = false;
    const int port = m_port->text().trimmed().toInt(&ok);
    out.firstPort = ok ? port : -1;  // not a number: out of range, so problems() names it
    return out;
}

void SettingsDialog::accept()
{
    LocalClusterSettings wanted = settings();
    QStringList problems;
    bool portIsNumber = false;
    m_port->text().trimmed().toInt(&portIsNumber);
    if (!portIsNumber) {
        problems << tr("The first port must be a number, not \"%1\".").arg(m_port->text().trimmed());
        wanted.firstPort = LocalCluster::DefaultPort;  // only to check the other fields; nothing is saved
    }
    problems << wanted.problems();
    if (!problems.isEmpty()) {
        m_problems->setText(problems.join(QLatin1Char('\n')));
        m_problems->show();
        return;
    }
    QSettings settings;
    wanted.save(settings);
    m_changed = !(wanted == m_initial);
    QDialog::accept();
}

void SettingsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Local Cluster Data Directory"), m_dataDir->text());
    if (!dir.isEmpty())
        m_dataDir->setText(QDir::toNativeSeparators(dir));
}
