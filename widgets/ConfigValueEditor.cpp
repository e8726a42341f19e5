#include "ConfigValueEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

#include "units.h"

ConfigValueEditor::ConfigValueEditor(const QString &configName, QGridLayout *grid, int row, QWidget *parentWidget)
    : QObject(parentWidget)
    , m_info(TopicConfigCatalog::topicConfig(configName))
    , m_overrideCheck(new QCheckBox(configName, parentWidget))
    , m_humanLabel(new QLabel(parentWidget))
    , m_sourceLabel(new QLabel(parentWidget))
{
    m_overrideCheck->setObjectName(QLatin1String("override:") + configName);
    m_overrideCheck->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_overrideCheck->setToolTip(
        tr("%1\nChecked: the topic overrides this config. Unchecked: it inherits the broker's value.\nKafka default: %2")
            .arg(m_info.documentation, m_info.kafkaDefault));
    grid->addWidget(m_overrideCheck, row, NameColumn);

    QWidget *editor = nullptr;
    if (m_info.kind == TopicConfigCatalog::Kind::Choice || m_info.kind == TopicConfigCatalog::Kind::Boolean ||
        m_info.kind == TopicConfigCatalog::Kind::MultiChoice) {
        m_comboBox = new QComboBox(parentWidget);
        QStringList choices = m_info.choices;
        // cleanup.policy: every combination Kafka accepts.
        if (m_info.kind == TopicConfigCatalog::Kind::MultiChoice && choices.size() == 2)
            choices << QStringList{choices.at(0), choices.at(1)}.join(QLatin1Char(','));
        m_comboBox->addItems(choices);
        m_comboBox->setEditable(m_info.kind == TopicConfigCatalog::Kind::MultiChoice);
        connect(m_comboBox, &QComboBox::currentTextChanged, this, &ConfigValueEditor::refresh);
        editor = m_comboBox;
    } else {
        m_lineEdit = new QLineEdit(parentWidget);
        m_lineEdit->setClearButtonEnabled(false);
        connect(m_lineEdit, &QLineEdit::textChanged, this, &ConfigValueEditor::refresh);
        editor = m_lineEdit;
    }
    editor->setObjectName(QLatin1String("value:") + configName);
    editor->setMinimumWidth(editor->fontMetrics().horizontalAdvance(QStringLiteral("9223372036854775807")) + 16);
    grid->addWidget(editor, row, ValueColumn);

    m_humanLabel->setObjectName(QLatin1String("human:") + configName);
    m_humanLabel->setMinimumWidth(m_humanLabel->fontMetrics().horizontalAdvance(QStringLiteral("= 999.9 minutes")));
    grid->addWidget(m_humanLabel, row, HumanColumn);
    m_sourceLabel->setObjectName(QLatin1String("source:") + configName);
    QPalette muted = m_sourceLabel->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::Disabled, QPalette::WindowText));
    m_sourceLabel->setPalette(muted);
    grid->addWidget(m_sourceLabel, row, SourceColumn);

    connect(m_overrideCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            showValue(m_editedValue.isEmpty() ? m_inheritedValue : m_editedValue);
        else {
            m_editedValue = value();
            showValue(m_inheritedValue);
        }
        refresh();
    });
    setInherited(m_info.kafkaDefault, TopicConfigCatalog::sourceText(ConfigSource::Default));
}

void ConfigValueEditor::setInherited(const QString &value, const QString &sourceText)
{
    m_inheritedValue = value;
    m_inheritedSource = sourceText;
    if (!isOverridden())
        showValue(value);
    refresh();
}

void ConfigValueEditor::setInitial(bool overridden, const QString &value)
{
    m_initialOverridden = overridden;
    m_initialValue = overridden ? value : QString();
    m_editedValue = m_initialValue;
    const QSignalBlocker blocker(m_overrideCheck);
    m_overrideCheck->setChecked(overridden);
    showValue(overridden ? value : m_inheritedValue);
    refresh();
}

void ConfigValueEditor::loadTopicEntry(const ConfigEntry &entry)
{
    const bool overridden = entry.source == ConfigSource::TopicOverride;
    QString inheritedValue = m_info.kafkaDefault;
    QString inheritedSource = TopicConfigCatalog::sourceText(ConfigSource::Default);
    if (!overridden) {
        inheritedValue = entry.value;
        const bool fromBroker = entry.source != ConfigSource::Default && !entry.synonyms.isEmpty();
        inheritedSource = TopicConfigCatalog::sourceText(entry.source, fromBroker ? entry.synonyms.first().name : QString());
    } else {
        for (const ConfigSynonym &synonym : entry.synonyms) {
            if (synonym.source == ConfigSource::TopicOverride)
                continue;
            ConfigDescription broker;
            broker.type = ConfigResourceType::Broker;
            broker.entries << ConfigEntry{synonym.name, synonym.value, false, synonym.source, false, false, {}};
            const auto converted = TopicConfigCatalog::inheritedFromBroker(m_info.name, broker);
            inheritedValue = converted.value;
            inheritedSource = TopicConfigCatalog::sourceText(converted.source, converted.synonym);
            break;
        }
    }
    setInherited(inheritedValue, inheritedSource);
    setInitial(overridden, entry.value);
}

bool ConfigValueEditor::isOverridden() const
{
    return m_overrideCheck->isChecked();
}

void ConfigValueEditor::setOverridden(bool overridden)
{
    m_overrideCheck->setChecked(overridden);
}

QString ConfigValueEditor::value() const
{
    return (m_lineEdit ? m_lineEdit->text() : m_comboBox->currentText()).trimmed();
}

void ConfigValueEditor::setValue(const QString &value)
{
    setOverridden(true);
    showValue(value);
    refresh();
}

void ConfigValueEditor::showValue(const QString &value)
{
    if (m_lineEdit) {
        const QSignalBlocker blocker(m_lineEdit);
        m_lineEdit->setText(value);
    } else {
        const QSignalBlocker blocker(m_comboBox);
        const int index = m_comboBox->findText(value);
        if (index >= 0)
            m_comboBox->setCurrentIndex(index);
        else if (m_comboBox->isEditable())
            m_comboBox->setEditText(value);
        else if (!value.isEmpty()) {
            m_comboBox->addItem(value);
            m_comboBox->setCurrentIndex(m_comboBox->count() - 1);
        }
    }
}

QString ConfigValueEditor::validationError() const
{
    if (!isOverridden())
        return {};
    return TopicConfigCatalog::validateTopicConfig(m_info.name, value());
}

std::optional<ConfigAlteration> ConfigValueEditor::alteration() const
{
    if (isOverridden()) {
        if (m_initialOverridden && value() == m_initialValue)
            return std::nullopt;
        return ConfigAlteration{m_info.name, ConfigAlteration::Operation::Set, value()};
    }
    if (m_initialOverridden)
        return ConfigAlteration{m_info.name, ConfigAlteration::Operation::Delete, {}};
    return std::nullopt;
}

void ConfigValueEditor::refresh()
{
    const bool overridden = isOverridden();
    if (m_lineEdit)
        m_lineEdit->setEnabled(overridden);
    else
        m_comboBox->setEnabled(overridden);
    const QString human = Units::formatConfigValue(m_info.name, value());
    m_humanLabel->setText(human.isEmpty() ? QString() : tr("= %1").arg(human));
    const QString inheritedHuman = Units::formatConfigValue(m_info.name, m_inheritedValue);
    const QString inherited = inheritedHuman.isEmpty() ? m_inheritedValue : inheritedHuman;
    m_sourceLabel->setText(overridden ? tr("Topic override · inherited: %1 (%2)").arg(inherited, m_inheritedSource)
                                      : m_inheritedSource);
    const QString error = validationError();
    if (m_lineEdit) {
        m_lineEdit->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 1px solid #c0392b; }"));
        m_lineEdit->setToolTip(error);
    }
    emit changed();
}
